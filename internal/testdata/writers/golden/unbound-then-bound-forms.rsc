1:{"id":"actions#like","bound":null}
2:{"id":"actions#save","bound":null}
3:{"id":"actions#like","bound":"$@4"}
0:["$","div",null,{"children":[["$","form",null,{"action":"$h1","children":["$","button",null,{"formAction":"$h2","children":"s"}]}],["$","form",null,{"action":"$h3","children":"b"}]]}]
4:["$$x",2.5,true,null]
