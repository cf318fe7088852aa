1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"zero":0,"one":1,"neg":-1.25,"tenth":0.1,"big":123456789012,"e21":1e+21,"tiny":1.5e-7,"max":1.7976931348623157e+308,"min":5e-324}]}]
