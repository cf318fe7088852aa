1:"$Sreact.suspense"
0:["$","div",null,{"children":[["$","$1","a",{"fallback":"x","children":"A"}],["$","$1","b",{"fallback":"y","children":"B"}]]}]
