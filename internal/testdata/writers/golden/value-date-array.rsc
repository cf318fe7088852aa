1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"ds":["$D1999-12-31T23:59:59.000Z","$D2000-01-01T00:00:00.000Z"]}]}]
