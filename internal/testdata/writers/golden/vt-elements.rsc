1:"$Sreact.view_transition"
:HL["/p.png","image"]
0:["$","$1",null,{"name":"s","children":[["$","select",null,{"children":["$","option",null,{"children":"o"}]}],["$","link",null,{"rel":"icon","href":"/i"}],["$","input",null,{"name":"q"}],["$","my-el",null,{"children":"x"}],["$","img",null,{"src":"/p.png","alt":""}],["$","svg",null,{"children":["$","circle",null,{"r":1}]}]]}]
