0:["$","form",null,{"method":"dialog","children":["$","button",null,{"value":"ok","children":"OK"}]}]
