0:["$","p",null,{"children":""}]
