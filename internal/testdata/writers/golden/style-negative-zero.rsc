0:["$","div",null,{"style":{"marginLeft":"$-0","top":"$-0","zIndex":"$-0"},"children":"x"}]
