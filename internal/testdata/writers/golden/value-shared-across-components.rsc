1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","div",null,{"children":[["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"a":{"x":1}}]}],["$","p",null,{"children":"t"}],["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"b":"$0:props:children:0:props:children:props:a"}]}]]}]
