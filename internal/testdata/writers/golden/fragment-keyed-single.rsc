1:"$Sreact.fragment"
0:["$","div",null,{"children":["$","$1","one",{"children":["$","p",null,{"children":"only"}]}]}]
