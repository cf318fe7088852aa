1:"$Sreact.fragment"
0:["$","ul",null,{"children":[["$","$1","k1",{"children":[["$","li",null,{"children":"1"}],["$","li",null,{"children":"2"}]]}],["$","$1","k2",{"children":["$","li",null,{"children":"3"}]}]]}]
