0:["$","div",null,{"id":"root","children":[["$","span",null,{"children":"x"}],["$","p",null,{"id":"p1","children":[["$","b",null,{"children":"bold"}],["$","i",null,{"children":"it"}]]}]]}]
