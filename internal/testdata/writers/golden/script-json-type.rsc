0:["$","script",null,{"type":"application/json","id":"data","children":"{\"a\":\"<>&\"}"}]
