0:["$","div",null,{"style":{"height":"12","opacity":"0.5","width":"  3em  "}}]
