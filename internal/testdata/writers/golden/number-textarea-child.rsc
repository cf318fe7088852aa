0:["$","textarea",null,{"children":7}]
