0:["$","p",null,{"children":["a",["$","span",null,{"dangerouslySetInnerHTML":{"__html":"<i>x</i>"}}],"b"]}]
