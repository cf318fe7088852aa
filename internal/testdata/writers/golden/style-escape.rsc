0:["$","div",null,{"style":{"content":"'\"<&>'","fontFamily":"\"Helvetica Neue\", Arial"}}]
