0:["$","img",null,{"src":"/a.png","srcSet":"/a.png 1x, /b.png 2x","sizes":"100vw","alt":"","loading":"lazy","decoding":"async","fetchPriority":"high","width":10,"height":20}]
