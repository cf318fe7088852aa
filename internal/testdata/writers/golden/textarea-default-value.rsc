0:["$","textarea",null,{"name":"t","defaultValue":"hi <there>"}]
