0:["$","div",null,{"style":{"cssFloat":"left","float":"right"}}]
