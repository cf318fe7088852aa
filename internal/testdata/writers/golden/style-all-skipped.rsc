0:["$","div",null,{"style":{"color":""},"children":"x"}]
