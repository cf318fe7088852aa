1:{"id":"actions#like","bound":"$@2"}
3:{"id":"actions#like","bound":"$@4"}
0:["$","div",null,{"children":[["$","form",null,{"action":"$h1","children":"a"}],["$","form",null,{"action":"$h3","children":"b"}]]}]
2:[1]
4:[2]
