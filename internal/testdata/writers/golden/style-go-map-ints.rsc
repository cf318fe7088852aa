0:["$","div",null,{"style":{"height":10,"zIndex":2},"children":"x"}]
