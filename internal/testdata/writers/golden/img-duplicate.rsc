:HL["/same.png","image"]
0:["$","div",null,{"children":[["$","img",null,{"src":"/same.png"}],["$","img",null,{"src":"/same.png"}]]}]
