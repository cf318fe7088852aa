1:["$","img",null,{"src":"/n.png"}]
0:["$","div",null,{"children":[["$","svg",null,{"children":["$","foreignObject",null,{"children":["$","div",null,{"children":[["$","title",null,{"children":"FO"}],["$","link",null,{"rel":"icon","href":"/fo.png"}],"x"]}]}]}],["$","noscript",null,{"children":"$1"}]]}]
