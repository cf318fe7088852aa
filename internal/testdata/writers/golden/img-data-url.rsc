0:["$","img",null,{"src":"data:image/png;base64,AAAA","alt":"d"}]
