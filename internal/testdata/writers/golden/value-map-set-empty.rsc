1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:[]
4:[]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"m":"$Q3","s":"$W4"}]}]
