:HL["/a.png","image",{"imageSrcSet":"/a.png 1x, /b.png 2x","imageSizes":"50vw","crossOrigin":""}]
0:["$","img",null,{"src":"/a.png","srcSet":"/a.png 1x, /b.png 2x","sizes":"50vw","alt":"a","crossOrigin":"anonymous"}]
