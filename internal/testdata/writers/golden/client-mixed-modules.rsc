1:"$Sreact.suspense"
2:I["/a/Like.js",["/a/Like.js","/a/Like.js"],"default"]
3:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","div",null,{"children":[["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"label":"a"}]}],["$","$1",null,{"fallback":null,"children":["$","$L3",null,{"initial":0}]}],["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"label":"b"}]}]]}]
