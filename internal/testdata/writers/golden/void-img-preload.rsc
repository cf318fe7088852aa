:HL["/x.png","image"]
0:["$","img",null,{"src":"/x.png","alt":"x"}]
