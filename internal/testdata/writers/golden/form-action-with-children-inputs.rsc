1:{"id":"actions#like","bound":"$@2"}
3:{"id":"actions#save","bound":null}
0:["$","form",null,{"action":"$h1","children":[["$","input",null,{"name":"x","defaultValue":"1"}],["$","button",null,{"formAction":"$h3","children":"s"}]]}]
2:[{"a":1}]
