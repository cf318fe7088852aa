1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","html",null,{"children":[["$","head",null,{"children":[["$","meta",null,{"charSet":"utf-8"}],["$","meta",null,{"name":"viewport","content":"width=device-width"}],["$","title",null,{"children":"App"}]]}],["$","body",null,{"children":["$","main",null,{"children":["$","$1",null,{"fallback":["$","span",null,{"children":"0"}],"children":["$","$L2",null,{"initial":0}]}]}]}]]}]
