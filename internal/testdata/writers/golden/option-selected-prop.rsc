0:["$","select",null,{"children":["$","option",null,{"value":"a","selected":true,"children":"A"}]}]
