1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","div",null,{"children":[["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"p":"$@3"}]}],["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"q":"$@4","r":"$@5"}]}]]}]
3:1
4:["$","i",null,{"children":"x"}]
5:3
