0:["$","button",null,{"disabled":true,"children":"B"}]
