0:["$","p",null,{"children":"a\u0000b"}]
