0:["$","select",null,{"value":"y","children":["$","optgroup",null,{"label":"G","children":[["$","option",null,{"value":"x","children":"X"}],["$","option",null,{"value":"y","children":"Y"}]]}]}]
