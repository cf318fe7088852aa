0:["$","html",null,{"children":["$","body",null,{"children":[["$","title",null,{"children":"T"}],["$","p",null,{"children":"x"}]]}]}]
