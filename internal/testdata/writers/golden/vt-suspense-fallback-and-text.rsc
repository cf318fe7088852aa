1:"$Sreact.view_transition"
0:["$","div",null,{"children":["t",["$","$1",null,{"name":"v","children":["text only",["$","b",null,{"children":"x"}]]}]]}]
