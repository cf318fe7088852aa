1:{"id":"actions#like","bound":null}
0:["$","form",null,{"action":"$h1","children":["$","button",null,{"children":"Like"}]}]
