1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"n":{"f32":0.10000000149011612,"i64big":"$n1152921504606846976","i64max":9007199254740991,"i8":-128,"neg":"$n-4611686018427387904","u":7,"u64big":"$n18446744073709551615","u8":255}}]}]
