1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:[[{"k":1},"obj"],[[1],"arr"],["$n7","big"]]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"m":"$Q3"}]}]
