0:["$","a",null,{"href":"javascript:alert(1)","children":"x"}]
