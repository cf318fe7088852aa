0:["$","div",null,{"style":{"MozBorderRadius":4,"OTransform":"none","WebkitBorderRadius":5,"msTransitionDuration":"1s"}}]
