1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","ul",null,{"children":[["$","li","a",{"children":["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"initial":1}]}]}],["$","li","b",{"children":["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"initial":2}]}]}],["$","li","c",{"children":["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"initial":3}]}]}]]}]
