1:"$Sreact.view_transition"
0:["$","$1",null,{"name":"outer","share":"morph","children":[["$","div",null,{"children":"a"}],["$","$1",null,{"update":"none","children":[["$","p",null,{"children":"b"}],["$","p",null,{"children":"c"}]]}]]}]
