0:["$","datalist",null,{"id":"d","children":[["$","option",null,{"value":"a"}],["$","option",null,{"value":"b","label":"B"}]]}]
