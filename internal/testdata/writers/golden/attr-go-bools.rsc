0:["$","div",null,{"data-t":true,"aria-f":false,"hidden":true,"title":true,"draggable":false,"children":"x"}]
