0:["$","div",null,{"a b":"x","c=d":"y","ok-name":"z","9bad":"q","_under":"u"}]
