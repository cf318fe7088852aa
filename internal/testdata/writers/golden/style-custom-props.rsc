0:["$","div",null,{"style":{"--Camel-Case":"x","--empty":"","--n2":12,"--num":0,"--space":" v "}}]
