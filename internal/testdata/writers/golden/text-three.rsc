0:["$","p",null,{"children":["Hi ","there ","42"]}]
