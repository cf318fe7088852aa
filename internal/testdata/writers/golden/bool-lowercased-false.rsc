0:["$","div",null,{"children":[["$","input",null,{"autoFocus":false}],["$","select",null,{"multiple":false,"children":["$","option",null,{"children":"a"}]}],["$","video",null,{"muted":false}]]}]
