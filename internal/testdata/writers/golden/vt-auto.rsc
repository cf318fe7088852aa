1:"$Sreact.view_transition"
0:["$","div",null,{"children":[["$","$1",null,{"children":["$","p",null,{"children":"x"}]}],["$","$1",null,{"children":["$","span",null,{"children":"y"}]}]]}]
