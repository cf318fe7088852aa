0:["$","div",null,{"style":{},"id":"x"}]
