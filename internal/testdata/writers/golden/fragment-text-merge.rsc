0:["$","p",null,{"children":["a",["b","c"],"d"]}]
