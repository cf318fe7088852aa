0:["$","div",null,{"someCustomAttr":"ok","weird":true,"other":false,"num":3}]
