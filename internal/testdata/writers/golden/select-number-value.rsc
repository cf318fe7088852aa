0:["$","select",null,{"value":2,"children":[["$","option",null,{"value":1,"children":"1"}],["$","option",null,{"value":2,"children":"2"}]]}]
