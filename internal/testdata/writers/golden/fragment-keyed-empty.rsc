1:"$Sreact.fragment"
0:["$","div",null,{"children":[["$","$1","e",{}],"x"]}]
