0:["$","div",null,{"children":[["$","meta",null,{"charSet":"utf-8"}],["$","meta",null,{"httpEquiv":"content-type","content":"text/html"}]]}]
