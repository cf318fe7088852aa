0:["$","div",null,{"children":[["$","pre",null,{"children":"a\nb"}],["$","pre",null,{"children":"\n\nc"}]]}]
