0:["$","div",null,{"children":[["$","meta",null,{"name":"d","content":"c"}],["$","link",null,{"rel":"icon","href":"/i.png"}]]}]
