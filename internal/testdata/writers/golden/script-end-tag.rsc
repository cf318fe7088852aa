0:["$","script",null,{"children":"var s = '</script><b>';"}]
