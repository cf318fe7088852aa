1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"user":{"name":"Ada","age":36,"created":"$D2024-01-02T03:04:05.006Z","tags":["a","$$b"],"nick":null,"address":{"city":"Paris"},"NoTag":true}}]}]
