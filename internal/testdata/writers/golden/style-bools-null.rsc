0:["$","div",null,{"style":{"color":true,"display":false,"margin":null,"padding":"1px"}}]
