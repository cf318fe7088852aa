0:["$","div",null,{"children":[["$","style",null,{"children":["a{}","b{}"]}],["$","script",null,{"children":["var a;","var b;"]}],["$","script",null,{"children":"one();"}]]}]
