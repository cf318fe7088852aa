1:"$Sreact.fragment"
2:"$Sreact.suspense"
3:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","div",null,{"children":["$","$1","k",{"children":[["$","$2",null,{"fallback":null,"children":["$","$L3",null,{"a":{"x":1}}]}],["$","$2",null,{"fallback":null,"children":["$","$L3",null,{"b":"$0:props:children:props:children:0:props:children:props:a"}]}]]}]}]
