0:["$","div",null,{"children":["$","title",null,{"children":["a","b"]}]}]
