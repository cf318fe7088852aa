0:["$","ul",null,{"children":[["$","li","a,b",{"children":"1"}],["$","li","x:y/z \"q\"",{"children":"2"}],["$","li","",{"children":"3"}],["$","li","0",{"children":"4"}]]}]
