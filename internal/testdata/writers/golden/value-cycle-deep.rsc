1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"t":{"name":"root","kids":[{"name":"k","parent":"$0:props:children:props:t"}]}}]}]
