1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"d":"$D2020-02-29T23:59:59.123Z","epoch":"$D1970-01-01T00:00:00.000Z"}]}]
