0:["$","a",null,{"href":" \tJavaScript:alert(1)","children":"x"}]
