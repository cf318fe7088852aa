0:["$","div",null,{"children":[["$","input",null,{"disabled":"false","readOnly":"","required":"yes"}],["$","details",null,{"open":"open","children":"x"}]]}]
