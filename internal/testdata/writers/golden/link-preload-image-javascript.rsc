:HL["javascript:alert(1)","image"]
0:["$","div",null,{"children":[["$","link",null,{"rel":"preload","as":"image","href":"javascript:alert(1)"}],"x"]}]
