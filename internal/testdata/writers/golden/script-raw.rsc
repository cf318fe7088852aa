0:["$","script",null,{"children":"var a = '<b>' && x < y;"}]
