0:["$","div",null,{"children":[["$","style",null,{"href":"a","children":"a{}"}],["$","style",null,{"precedence":"p","children":"b{}"}]]}]
