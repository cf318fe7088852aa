1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"c":{"items":[{"city":"A"},{"city":"B","zip":"2"}],"byId":{"2":"two","10":"ten"},"flags":{"a":true,"b":false},"any":[1,"x",null,2.5,[1]],"deep":{"k":[1,-2]},"ptr":null,"nil":null,"empty":[]}}]}]
