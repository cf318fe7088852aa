1:{"id":"actions#like","bound":null}
0:["$","form",null,{"method":"get","action":"$h1","encType":"text/plain","children":"x"}]
