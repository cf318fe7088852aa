1:"$Sreact.suspense"
2:"/assets/components/Long-abc123.js"
3:I["$2",["$2","$2"],"Long"]
0:["$","$1",null,{"fallback":null,"children":["$","$L3",null,{"x":1}]}]
