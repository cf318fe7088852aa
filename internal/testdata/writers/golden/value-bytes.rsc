1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
3:o3,0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"b":"$3"}]}]
