0:["$","p",null,{"children":["$NaN","$Infinity","$-Infinity","$-0"]}]
