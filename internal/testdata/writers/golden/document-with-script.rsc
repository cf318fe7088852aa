0:["$","html",null,{"children":[["$","head",null,{"children":["$","script",null,{"children":"window.x=1"}]}],["$","body",null,{"children":"x"}]]}]
