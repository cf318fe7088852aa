1:"$Sreact.view_transition"
0:["$","$1",null,{"default":{"default":"dd","nav":"n"},"update":{"default":"auto"},"children":["$","div",null,{"children":"c"}]}]
