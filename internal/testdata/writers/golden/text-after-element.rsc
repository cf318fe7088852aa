0:["$","p",null,{"children":[["$","b",null,{"children":"x"}],"after"]}]
