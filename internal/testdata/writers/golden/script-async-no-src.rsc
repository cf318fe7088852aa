0:["$","div",null,{"children":[["$","script",null,{"async":true,"children":"var a=1"}],["$","script",null,{"src":"/sync.js"}]]}]
