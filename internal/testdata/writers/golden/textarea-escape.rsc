0:["$","textarea",null,{"defaultValue":"</textarea><b>&"}]
