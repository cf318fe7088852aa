1:"$Sreact.suspense"
0:["$","$1",null,{"fallback":null,"children":["a",["$","b",null,{"children":"x"}]]}]
