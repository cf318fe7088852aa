1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"a":{"x":1}}]}],"children":["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"b":"$0:props:fallback:props:children:props:a"}]}]}]
