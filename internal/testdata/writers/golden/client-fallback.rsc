1:"$Sreact.suspense"
2:I["/a/Like.js",["/a/Like.js","/a/Like.js"],"default"]
0:["$","main",null,{"children":["$","$1",null,{"fallback":["$","button",null,{"disabled":true,"children":"Like"}],"children":["$","$L2",null,{"label":"Like"}]}]}]
