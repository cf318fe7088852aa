1:"$Sreact.suspense"
2:I["/v/Async.js",[],"Async",1]
0:["$","div",null,{"children":[["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"x":1}]}],["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"x":2}]}]]}]
