0:["$","div",null,{"children":[["$","style",null,{"children":"a>b{color:red}"}],["$","script",null,{"children":"if (a < b && c > d) {}"}]]}]
