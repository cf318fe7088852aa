0:["$","input",null,{"readOnly":true,"hidden":true,"required":false}]
