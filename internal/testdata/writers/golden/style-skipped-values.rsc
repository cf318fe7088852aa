0:["$","div",null,{"style":{"color":"","display":null,"margin":"0 auto"}}]
