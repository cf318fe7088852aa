0:["$","div",null,{"children":[["a",["$","b",null,{"children":"x"}]],"c"]}]
