1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:[["k",1]]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"a":"$Q3","b":"$0:props:children:props:a"}]}]
