0:["$","video",null,{"src":"/v.mp4","preload":"none","controlsList":"nodownload","width":320,"playsInline":true}]
