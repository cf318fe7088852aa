1:"$Sreact.fragment"
0:["$","ul",null,{"children":[["$","$1","k",{"children":[1,2]}],[3,"x"]]}]
