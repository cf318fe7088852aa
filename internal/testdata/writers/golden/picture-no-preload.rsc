1:[["$","source",null,{"srcSet":"/a.webp","type":"image/webp"}],["$","img",null,{"src":"/a.png","alt":"a"}]]
0:["$","picture",null,{"children":"$1"}]
