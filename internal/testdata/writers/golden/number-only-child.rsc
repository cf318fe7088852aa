0:["$","span",null,{"children":7}]
