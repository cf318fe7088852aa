0:["$","select",null,{"defaultValue":"c","children":[["$","option",null,{"value":"a","children":"A"}],["$","option",null,{"value":"c","children":"C"}]]}]
