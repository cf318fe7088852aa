0:["$","textarea",null,{"cols":true,"rows":"0x10","defaultValue":"\nv"}]
