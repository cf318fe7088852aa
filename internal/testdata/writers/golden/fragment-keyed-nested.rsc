1:"$Sreact.fragment"
0:["$","div",null,{"children":["$","$1","outer",{"children":[["$","$1","inner",{"children":["t",["$","i",null,{"children":"x"}]]}],"u"]}]}]
