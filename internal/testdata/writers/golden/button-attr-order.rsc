0:["$","button",null,{"formMethod":"get","name":"b","value":"v","type":"submit","formTarget":"_self","formEncType":"text/plain","formAction":"/go","children":"B"}]
