1:{"id":"actions#save","bound":null}
0:["$","form",null,{"children":["$","input",null,{"type":"submit","value":"Go","formAction":"$h1"}]}]
