0:["$","div",null,{"children":[["$","textarea",null,{"children":"\nhello <b>"}],["$","textarea",null,{"name":"t","children":"plain"}]]}]
