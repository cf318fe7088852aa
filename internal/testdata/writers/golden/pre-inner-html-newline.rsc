0:["$","pre",null,{"dangerouslySetInnerHTML":{"__html":"\n<b>x</b>"}}]
