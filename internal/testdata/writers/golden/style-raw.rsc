0:["$","style",null,{"children":"a > b { content: \"<&>\" }"}]
