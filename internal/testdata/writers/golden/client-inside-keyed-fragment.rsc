1:"$Sreact.fragment"
2:"$Sreact.suspense"
3:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","div",null,{"children":["$","$1","f",{"children":[["$","$2",null,{"fallback":null,"children":["$","$L3",null,{"initial":1}]}],"t"]}]}]
