0:["$","select",null,{"value":"zz","children":["$","option",null,{"value":"a","children":"A"}]}]
