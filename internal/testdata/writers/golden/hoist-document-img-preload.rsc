:HL["/hero.png","image"]
0:["$","html",null,{"children":[["$","head",null,{}],["$","body",null,{"children":["$","img",null,{"src":"/hero.png","alt":"h"}]}]]}]
