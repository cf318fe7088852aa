0:["$","input",null,{"value":"v","name":"n","type":"text","checked":true,"id":"i","formAction":"/x"}]
