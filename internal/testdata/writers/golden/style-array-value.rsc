0:["$","div",null,{"style":{"fontFamily":["a","b"],"margin":[1,2]},"children":"x"}]
