1:"$Sreact.suspense"
2:I["/a/Like.js",["/a/Like.js","/a/Like.js"],"default"]
3:{"id":"actions#save","bound":"$@4"}
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"act":"$h3"}]}]
4:["$D2024-01-02T03:04:05.000Z","$n7","$$x","$NaN",[1,{"a":null}]]
