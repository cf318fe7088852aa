0:["$","ol",null,{"start":" 1e1 ","size":"Infinity","span":"abc","children":["$","li",null,{"children":"x"}]}]
