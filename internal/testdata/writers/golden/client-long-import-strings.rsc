1:"$Sreact.suspense"
2:"/assets/values/LongModule-0123456789abcdef.js"
3:"AVeryLongExportNameForImports"
4:I["$2",["$2","$2"],"$3"]
5:I["$2",["$2","$2"],"Short"]
0:["$","div",null,{"children":[["$","$1",null,{"fallback":null,"children":["$","$L4",null,{"x":1}]}],["$","$1",null,{"fallback":null,"children":["$","$L5",null,{"x":2}]}]]}]
