1:"$Sreact.suspense"
2:I["/a/Like.js",["/a/Like.js","/a/Like.js"],"default"]
3:{"id":"actions#like","bound":null}
4:{"id":"actions#save","bound":null}
5:{"id":"actions#like","bound":"$@6"}
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"acts":["$h3","$h4","$h5"]}]}]
6:[1]
