0:["$","html",null,{"children":[["$","head",null,{"children":["$","title",null,{"children":"T"}]}],["$","body",null,{"className":"b","children":["$","div",null,{"id":"root","children":"x"}]}]]}]
