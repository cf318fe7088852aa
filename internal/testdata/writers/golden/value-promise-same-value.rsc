1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"a":{"x":1},"p":"$@3"}]}]
3:"$0:props:children:props:a"
