:Hm"/m.js"
:HL["/f.woff2","font",{"crossOrigin":""}]
:HL["/s.css","style"]
:HL["/x.js","script"]
:Hm"/n.js"
:HL["/g.woff2","font",{"crossOrigin":""}]
:HL["/i.png","image"]
0:["$","html",null,{"children":[["$","head",null,{}],["$","body",null,{"children":[["$","link",null,{"rel":"modulepreload","href":"/m.js"}],["$","link",null,{"rel":"preload","href":"/f.woff2","as":"font","crossOrigin":""}],["$","link",null,{"rel":"stylesheet","href":"/s.css","precedence":"d"}],["$","link",null,{"rel":"preload","href":"/x.js","as":"script"}],["$","link",null,{"rel":"modulepreload","href":"/n.js"}],["$","link",null,{"rel":"preload","href":"/g.woff2","as":"font","crossOrigin":""}],["$","title",null,{"children":"T"}],["$","img",null,{"src":"/i.png","alt":""}]]}]]}]
