1:["$","link",null,{"rel":"icon","href":"/n.png"}]
0:["$","html",null,{"children":[["$","head",null,{}],["$","body",null,{"children":["$","noscript",null,{"children":"$1"}]}]]}]
