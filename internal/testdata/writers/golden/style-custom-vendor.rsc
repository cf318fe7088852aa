0:["$","div",null,{"style":{"--x":"1px","--y":2,"WebkitTransition":"all 1s","msTransform":"none"}}]
