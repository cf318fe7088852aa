1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"user":{"name":"Bob","email":"b@x","age":0,"created":"$D1999-12-31T22:59:59.000Z","tags":null,"nick":"gopher","address":{"city":"Oslo","zip":"0150"},"score":1.5,"NoTag":false}}]}]
