0:["$","div",null,{"children":"solo"}]
