1:"$Sreact.suspense"
0:["$","html",null,{"children":[["$","head",null,{}],["$","body",null,{"children":["$","$1",null,{"fallback":"...","children":["$","p",null,{"children":"done"}]}]}]]}]
