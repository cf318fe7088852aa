0:["$","div",null,{"data-fooBar":"x","aria-Hidden":true,"DATA-up":true}]
