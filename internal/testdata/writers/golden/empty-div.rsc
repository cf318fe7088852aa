0:["$","div",null,{}]
