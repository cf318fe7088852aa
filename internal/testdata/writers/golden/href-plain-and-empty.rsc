0:["$","div",null,{"children":[["$","a",null,{"href":"/ok?a=1&b=2","children":"ok"}],["$","a",null,{"href":"","children":"empty"}]]}]
