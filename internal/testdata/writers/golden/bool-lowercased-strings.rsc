0:["$","div",null,{"children":[["$","input",null,{"autoFocus":"true"}],["$","video",null,{"muted":""}]]}]
