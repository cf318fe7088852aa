:HL["javascript:alert(1)","image"]
0:["$","img",null,{"src":"javascript:alert(1)","alt":"j"}]
