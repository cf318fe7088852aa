0:["$","select",null,{"autoFocus":true,"multiple":true,"children":[["$","option",null,{"value":"a","children":"A"}],["$","option",null,{"value":"b","children":"B"}]]}]
