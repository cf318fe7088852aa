0:["$","div",null,{"className":"a","children":"text"}]
