1:"$Sreact.suspense"
0:["$","$1",null,{"fallback":["$","p",null,{"children":"loading"}],"children":["$","p",null,{"children":"done"}]}]
