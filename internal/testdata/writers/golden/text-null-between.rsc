0:["$","p",null,{"children":["a",null,"b"]}]
