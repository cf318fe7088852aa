1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
3:o2,0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"a":"$3","b":"$0:props:children:props:a"}]}]
