0:["$","div",null,{"children":["$","script",null,{"async":true,"src":"/m.js","type":"module","crossOrigin":"anonymous","integrity":"sha256-x","nonce":"n"}]}]
