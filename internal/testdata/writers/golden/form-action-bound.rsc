1:{"id":"actions#like","bound":"$@2"}
0:["$","form",null,{"className":"f","action":"$h1","children":[["$","input",null,{"name":"note"}],["$","button",null,{"children":"Like"}]]}]
2:[5,"x"]
