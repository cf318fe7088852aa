0:["$","input",null,{"name":"x"}]
