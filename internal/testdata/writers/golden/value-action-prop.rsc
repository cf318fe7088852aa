1:"$Sreact.suspense"
2:I["/a/Like.js",["/a/Like.js","/a/Like.js"],"default"]
3:{"id":"actions#like","bound":null}
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"onLike":"$h3"}]}]
