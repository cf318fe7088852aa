0:["$","div",null,{"title":null,"id":"$undefined","className":"c","children":"x"}]
