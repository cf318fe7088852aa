0:["$","div",null,{"data-n":3,"data-f":1.5,"data-s":"str","data-empty":"","aria-label":"L","aria-expanded":"true","aria-valuenow":5}]
