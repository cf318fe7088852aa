0:["$","div",null,{"children":[[["a","b"],["$","i",null,{"children":"c"}]],"d"]}]
