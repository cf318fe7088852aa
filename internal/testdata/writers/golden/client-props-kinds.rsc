1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"s":"text","d":"$$dollar","n":1.5,"neg":-3,"t":true,"f":false,"z":null,"arr":[1,"two",[3]],"obj":{"b":1,"a":{"c":"$$"}}}]}]
