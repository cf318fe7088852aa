0:["$","div",null,{"itemScope":true,"children":[["$","meta",null,{"itemProp":"name","content":"x"}],["$","link",null,{"itemProp":"url","href":"/u"}]]}]
