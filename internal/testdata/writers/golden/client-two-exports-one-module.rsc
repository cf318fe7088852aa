1:"$Sreact.suspense"
2:I["/a/Chart.js",["/a/Chart.js","/a/Chart.js"],"Chart"]
3:I["/a/Chart.js",["/a/Chart.js","/a/Chart.js"],"Legend"]
0:["$","div",null,{"children":[["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"data":[1,2]}]}],["$","$1",null,{"fallback":null,"children":["$","$L3",null,{}]}],["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"data":[3]}]}]]}]
