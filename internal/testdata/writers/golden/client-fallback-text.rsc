1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","p",null,{"children":["before ",["$","$1",null,{"fallback":"0","children":["$","$L2",null,{"initial":1}]}]," after"]}]
