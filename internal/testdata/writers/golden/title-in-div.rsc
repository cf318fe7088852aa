0:["$","div",null,{"children":[["$","title",null,{"children":"T"}],"x"]}]
