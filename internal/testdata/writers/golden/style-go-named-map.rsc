0:["$","div",null,{"style":{"color":"red","margin":"0 auto"},"children":"x"}]
