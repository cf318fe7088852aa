0:["$","div",null,{"children":["a",["$","title",null,{"children":"T"}],"b"]}]
