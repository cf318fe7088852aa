0:["$","input",null,{"type":"checkbox","name":"c","defaultChecked":true,"id":"c1"}]
