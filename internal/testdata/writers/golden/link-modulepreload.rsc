:Hm"/m.js"
0:["$","div",null,{"children":["$","link",null,{"rel":"modulepreload","href":"/m.js"}]}]
