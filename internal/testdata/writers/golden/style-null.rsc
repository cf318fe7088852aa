0:["$","div",null,{"className":"c"}]
