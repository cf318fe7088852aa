1:"$Sreact.suspense"
2:"$$weird/dollar-module.js"
3:I["$2",["$$d","$2"],"$$Dollar"]
0:["$","$1",null,{"fallback":null,"children":["$","$L3",null,{"x":1}]}]
