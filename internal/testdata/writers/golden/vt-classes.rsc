1:"$Sreact.view_transition"
0:["$","$1",null,{"name":"n","default":"d","update":"u","enter":"e","exit":"x","share":"s","children":["$","div",null,{"children":"c"}]}]
