1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
3:o6,hi
:T10:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"b":"$3","after":"x"}]}]
