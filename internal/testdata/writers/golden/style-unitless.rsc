0:["$","div",null,{"style":{"height":10.5,"lineHeight":1.5,"opacity":0.5,"width":0,"zIndex":3}}]
