0:["$","html",null,{"children":["$","body",null,{"children":["$","p",null,{"children":"x"}]}]}]
