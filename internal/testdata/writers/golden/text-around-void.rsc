0:["$","div",null,{"children":["a",["$","br",null,{}],"b"]}]
