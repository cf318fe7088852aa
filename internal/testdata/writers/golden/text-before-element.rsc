0:["$","p",null,{"children":["before",["$","b",null,{"children":"x"}],"c","d"]}]
