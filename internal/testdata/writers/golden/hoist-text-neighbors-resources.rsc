:HL["/s.css","style"]
0:["$","div",null,{"children":["a",["$","script",null,{"async":true,"src":"/a.js"}],"b",["$","style",null,{"href":"s","precedence":"p","children":"s{}"}],"c",["$","link",null,{"rel":"stylesheet","href":"/s.css","precedence":"p"}],"d"]}]
