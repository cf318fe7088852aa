1:"$Sreact.suspense"
0:["$","div",null,{"children":["$","$1",null,{"fallback":["$","i",null,{"children":"f"}]}]}]
