0:["$","select",null,{"value":"a1","children":[["$","option",null,{"children":["a",1]}],["$","option",null,{"children":"b"}]]}]
