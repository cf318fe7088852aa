1:"$Sreact.suspense"
0:["$","$1",null,{"fallback":0,"children":1}]
