0:["$","div",null,{"customCamel":"v","lowercase":"w","n":0,"neg":-1.5,"emptyStr":""}]
