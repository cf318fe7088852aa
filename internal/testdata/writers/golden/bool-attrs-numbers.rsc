0:["$","div",null,{"children":[["$","input",null,{"disabled":1,"readOnly":0}],["$","button",null,{"hidden":0,"disabled":2.5,"children":"b"}]]}]
