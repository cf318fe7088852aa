0:["$","div",null,{"className":["a","b"],"data-x":[1,[2,3],null],"title":[],"children":"x"}]
