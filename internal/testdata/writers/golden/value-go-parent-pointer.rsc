1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"v":{"name":"root","parent":null,"kids":[{"name":"a","parent":"$0:props:children:props:v","kids":null}]}}]}]
