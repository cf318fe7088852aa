1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"a:b":{"o":{"x":1}},"c":{"x":1},"d":"$0:props:children:props:c"}]}]
