0:["$","listing",null,{"children":"\nline"}]
