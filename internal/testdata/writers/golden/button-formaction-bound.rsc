1:{"id":"actions#save","bound":"$@2"}
0:["$","form",null,{"children":["$","button",null,{"className":"b","formAction":"$h1","children":"Save"}]}]
2:[1]
