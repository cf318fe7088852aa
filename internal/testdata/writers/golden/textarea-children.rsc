0:["$","textarea",null,{"children":"child text"}]
