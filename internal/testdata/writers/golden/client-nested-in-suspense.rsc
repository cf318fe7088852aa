1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":"wait","children":["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"initial":5}]}]}]
