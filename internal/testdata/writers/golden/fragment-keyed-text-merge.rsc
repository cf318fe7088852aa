1:"$Sreact.fragment"
0:["$","p",null,{"children":["a",["$","$1","k",{"children":"b"}],"c"]}]
