0:["$","pre",null,{"children":"\nline"}]
