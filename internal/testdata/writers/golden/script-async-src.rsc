0:["$","div",null,{"children":[["$","script",null,{"async":true,"src":"/a.js"}],"x"]}]
