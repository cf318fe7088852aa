1:"$Sreact.suspense"
0:["$","p",null,{"children":["x",["$","$1",null,{"fallback":null,"children":"y"}],["$","$1",null,{"fallback":null,"children":"z"}]]}]
