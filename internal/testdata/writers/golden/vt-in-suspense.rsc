1:"$Sreact.suspense"
2:"$Sreact.view_transition"
0:["$","$1",null,{"fallback":"f","children":["$","$2",null,{"enter":"slide","children":["$","div",null,{"children":"c"}]}]}]
