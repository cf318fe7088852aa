0:["$","ul",null,{"children":[["$","li","a",{"children":"A"}],["$","li","b",{"children":"B"}],["$","li","c",{"className":"last","children":"C"}]]}]
