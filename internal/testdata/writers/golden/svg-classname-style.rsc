0:["$","svg",null,{"className":"icon","style":{"fill":"red","strokeWidth":2},"children":["$","circle",null,{"cx":5,"cy":5,"r":4,"tabIndex":-1}]}]
