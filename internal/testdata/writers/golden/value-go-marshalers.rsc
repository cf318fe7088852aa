1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"r":{"raw":{"a":["$$x",null,true],"z":1},"ip":"10.0.0.1"}}]}]
