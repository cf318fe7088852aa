2:"$Sreact.suspense"
3:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
1:["$","$2",null,{"fallback":null,"children":["$","$L3",null,{"a":{"x":1}}]}]
0:["$","div",null,{"children":[["$","noscript",null,{"children":"$1"}],["$","$2",null,{"fallback":null,"children":["$","$L3",null,{"b":"$1:props:children:props:a"}]}]]}]
