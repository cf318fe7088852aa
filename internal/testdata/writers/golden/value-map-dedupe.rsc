1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:[["k",{"x":1}],["j","$3:0:1"]]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"m":"$Q3","q":"$3:0:1"}]}]
