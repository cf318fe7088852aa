:HL["/x.css","style"]
:Hm"/m.js"
:HL["/f.woff2","font",{"crossOrigin":"","type":"font/woff2"}]
0:["$","div",null,{"children":[["$","link",null,{"rel":"preload","href":"/x.css","as":"style"}],["$","link",null,{"rel":"modulepreload","href":"/m.js"}],["$","link",null,{"rel":"preload","href":"/f.woff2","as":"font","type":"font/woff2","crossOrigin":""}],"x"]}]
