0:["$","div",null,{"className":["a","b"],"data-m":[1,null,"x",[2,3]],"children":"x"}]
