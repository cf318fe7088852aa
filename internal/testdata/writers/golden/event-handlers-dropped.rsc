0:["$","button",null,{"onClick":"alert(1)","ONCLICK":"x","onmouseover":"y","on":"kept","one":"kept2","children":"b"}]
