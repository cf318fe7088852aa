0:["$","pre",null,{"children":"a\r\nb\rc\n"}]
