0:["$","div",null,{"children":["a",["$","link",null,{"rel":"icon","href":"/i.png"}],"b",["$","meta",null,{"name":"m","content":"c"}],"c"]}]
