1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"e":[1,2],"f":"$0:props:children:props:e","g":["$0:props:children:props:e"]}]}]
