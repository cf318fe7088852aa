0:["$","table",null,{"children":[["$","tbody",null,{"children":["$","tr",null,{"children":["$","td",null,{"rowSpan":true,"colSpan":2,"children":"a"}]}]}],["$","colgroup",null,{"span":true}]]}]
