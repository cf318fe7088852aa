1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:{"id":"values#act","bound":"$@4"}
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"f":"$h3","b":{"x":1}}]}]
4:["$0:props:children:props:b"]
