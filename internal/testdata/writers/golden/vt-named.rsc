1:"$Sreact.view_transition"
0:["$","$1",null,{"name":"hero","children":[["$","div",null,{"children":"a"}],["$","p",null,{"children":"b"}]]}]
