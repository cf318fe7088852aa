0:["$","div",null,{"style":{"height":-3,"left":0.5,"margin":0,"top":1e+21,"width":100}}]
