0:["$","div",null,{"dangerouslySetInnerHTML":{"__html":""}}]
