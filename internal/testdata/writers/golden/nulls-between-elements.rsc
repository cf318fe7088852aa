0:["$","div",null,{"children":[null,["$","i",null,{"children":"a"}],null,null,["$","b",null,{"children":"c"}],null]}]
