1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"t":{"epoch":"$D1970-01-01T00:00:00.000Z","ms":"$D2020-02-29T12:00:00.999Z","y10000":"$D+010000-01-01T00:00:00.000Z"}}]}]
