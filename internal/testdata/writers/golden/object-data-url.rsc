0:["$","div",null,{"children":[["$","object",null,{"data":"javascript:alert(1)","type":"text/html"}],["$","object",null,{"data":""}],["$","object",null,{"data":"/x.pdf","children":"fallback"}]]}]
