1:"$Sreact.suspense"
0:["$","section",null,{"children":["$","$1","s1",{"fallback":null,"children":["$","$1",null,{"fallback":["$","i",null,{"children":"inner"}],"children":["$","span",null,{"children":"deep"}]}]}]}]
