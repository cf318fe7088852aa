0:["$","div",null,{"style":{"MozBoxFlex":1,"WebkitFlex":2,"WebkitLineClamp":3,"msFlexOrder":1,"msGridRow":1}}]
