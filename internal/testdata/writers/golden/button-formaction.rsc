1:{"id":"actions#save","bound":null}
0:["$","form",null,{"children":["$","button",null,{"formAction":"$h1","children":"Save"}]}]
