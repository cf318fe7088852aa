0:["$","div",null,{"style":{"strokeDasharray":4,"strokeDashoffset":1,"strokeMiterlimit":2,"strokeOpacity":1,"strokeWidth":2,"tabSize":4,"widows":2,"zIndex":10,"zoom":2}}]
