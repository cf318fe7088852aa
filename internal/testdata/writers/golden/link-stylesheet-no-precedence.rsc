:HL["/s.css","style"]
0:["$","div",null,{"children":[["$","link",null,{"rel":"stylesheet","href":"/s.css"}],"x"]}]
