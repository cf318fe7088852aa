:HL["/f.woff2","font",{"crossOrigin":""}]
0:["$","div",null,{"children":[["$","link",null,{"rel":"preload","href":"/f.woff2","as":"font","crossOrigin":""}],"x"]}]
