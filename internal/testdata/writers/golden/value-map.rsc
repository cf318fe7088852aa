1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:[["a",{"x":1}],[1,2],[null,true]]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"m":"$Q3"}]}]
