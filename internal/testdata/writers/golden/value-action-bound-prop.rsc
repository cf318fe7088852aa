1:"$Sreact.suspense"
2:I["/a/Like.js",["/a/Like.js","/a/Like.js"],"default"]
3:{"id":"actions#like","bound":"$@4"}
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"onLike":"$h3"}]}]
4:[42,"x"]
