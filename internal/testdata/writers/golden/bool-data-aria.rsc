0:["$","div",null,{"data-on":true,"data-off":false,"aria-hidden":true,"aria-checked":false}]
