0:["$","div",null,{"className":"md","dangerouslySetInnerHTML":{"__html":"<b>raw</b> & <i>stuff</i>"}}]
