0:["$","div",null,{"children":[["$","hr",null,{"className":"sep"}],["$","br",null,{}]]}]
