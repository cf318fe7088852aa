0:["$","button",null,{"disabled":false,"type":"button","children":"B"}]
