1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:["a",1,null,{"o":1}]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"s":"$W3"}]}]
