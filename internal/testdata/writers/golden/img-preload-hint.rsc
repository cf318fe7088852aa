:HL["/hero.png","image"]
0:["$","div",null,{"children":[["$","img",null,{"src":"/hero.png","alt":"h"}],["$","img",null,{"src":"/lazy.png","loading":"lazy"}]]}]
