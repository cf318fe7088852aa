0:["$","input",null,{"type":"text","value":"v"}]
