0:["$","p",null,{"children":["a",1,"b",["$","i",null,{"children":2}],3,""]}]
