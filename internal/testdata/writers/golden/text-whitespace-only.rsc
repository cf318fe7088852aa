0:["$","p",null,{"children":[" ","\n","\t"]}]
