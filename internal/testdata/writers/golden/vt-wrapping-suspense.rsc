1:"$Sreact.view_transition"
2:"$Sreact.suspense"
0:["$","$1",null,{"update":"fade","children":[["$","$2",null,{"fallback":"f","children":[["$","div",null,{"children":"c"}],["$","section",null,{"children":"d"}]]}],["$","p",null,{"children":"after"}]]}]
