0:["$","my-element",null,{"off":false,"str":"s"}]
