0:["$","textarea",null,{"value":""}]
