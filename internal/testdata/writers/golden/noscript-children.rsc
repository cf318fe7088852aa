1:["$","p",null,{"children":"no js"}]
0:["$","noscript",null,{"children":"$1"}]
