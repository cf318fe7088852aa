0:["$","svg",null,{"children":["$","foreignObject",null,{"width":10,"height":10,"children":["$","div",null,{"className":"x","children":"html inside"}]}]}]
