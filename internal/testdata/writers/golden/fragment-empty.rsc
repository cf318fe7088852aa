0:["$","div",null,{"children":["$undefined",null]}]
