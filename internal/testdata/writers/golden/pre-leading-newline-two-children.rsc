0:["$","pre",null,{"children":["\n","line"]}]
