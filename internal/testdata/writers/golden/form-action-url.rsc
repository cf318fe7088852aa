0:["$","form",null,{"action":"/search","method":"get","children":["$","input",null,{"name":"q"}]}]
