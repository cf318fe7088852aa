1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","div",null,{"className":"app","children":["Hello ","world",["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"initial":1}]}],["$","$1","k2",{"fallback":null,"children":["$","$L2",null,{"initial":2}]}]]}]
