0:["$","div",null,{"data-c":2,"width":7,"children":"x"}]
