0:["$","div",null,{"style":{"MozOrder":1,"WebKitBoxFlexGroup":2,"WebkitOpacity":0.5,"msLineClamp":2,"msZIndex":3},"children":"x"}]
