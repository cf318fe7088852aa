0:["$","input",null,{"name":"q","placeholder":"Search","type":"text"}]
