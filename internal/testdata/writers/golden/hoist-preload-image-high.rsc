:HL["/a.png","image",{"fetchPriority":"high"}]
:HL["/x.js","script"]
0:["$","div",null,{"children":[["$","img",null,{"src":"/a.png","fetchPriority":"high","alt":""}],["$","link",null,{"rel":"preload","href":"/x.js","as":"script"}],["$","meta",null,{"name":"viewport","content":"w"}],["$","meta",null,{"charSet":"utf-8"}]]}]
