1:"$Sreact.suspense"
0:["$","div",null,{"children":["a",["$","$1",null,{"fallback":"…","children":"b"}],"c"]}]
