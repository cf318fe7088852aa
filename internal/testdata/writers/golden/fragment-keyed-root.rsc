1:"$Sreact.fragment"
0:["$","$1","r",{"children":[["$","p",null,{"children":"a"}],["$","p",null,{"children":"b"}]]}]
