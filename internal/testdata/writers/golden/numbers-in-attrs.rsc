0:["$","input",null,{"maxLength":10,"tabIndex":-1,"step":0.5}]
