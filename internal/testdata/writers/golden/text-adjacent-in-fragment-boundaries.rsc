0:["$","div",null,{"children":["a","b"]}]
