1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
4:[1]
5:[["k","$D2024-01-02T03:04:05.000Z"]]
3:[["s","$W4"],["m","$Q5"]]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"m":"$Q3"}]}]
