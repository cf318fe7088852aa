0:["$","html",null,{"children":[["$","head",null,{"children":["$","title",null,{"children":5}]}],["$","body",null,{"children":"x"}]]}]
