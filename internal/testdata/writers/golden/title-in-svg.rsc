0:["$","svg",null,{"children":[["$","title",null,{"children":"svg title"}],["$","circle",null,{"r":1}]]}]
