1:"$Sreact.suspense"
0:["$","html",null,{"children":[["$","head",null,{}],["$","body",null,{"children":["$","$1",null,{"fallback":"f","children":[["$","title",null,{"children":"S"}],["$","p",null,{"children":"x"}]]}]}]]}]
