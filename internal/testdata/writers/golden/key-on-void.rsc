0:["$","div",null,{"children":[["$","br","b1",{}],["$","input","i1",{"name":"n"}]]}]
