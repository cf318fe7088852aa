0:["$","select",null,{"value":"2","children":[["$","option",null,{"children":1}],["$","option",null,{"children":2}]]}]
