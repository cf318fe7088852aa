0:["$","select",null,{"value":"Two","children":[["$","option",null,{"children":"One"}],["$","option",null,{"children":"Two"}]]}]
