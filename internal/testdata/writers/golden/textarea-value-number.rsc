0:["$","textarea",null,{"value":42}]
