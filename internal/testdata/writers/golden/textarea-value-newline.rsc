0:["$","textarea",null,{"value":"\nline","defaultValue":"ignored","readOnly":true}]
