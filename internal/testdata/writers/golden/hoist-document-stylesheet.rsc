:HL["/a.css","style"]
:HL["/b.css","style"]
:HL["/c.css","style"]
0:["$","html",null,{"children":[["$","head",null,{"children":["$","title",null,{"children":"T"}]}],["$","body",null,{"children":[["$","link",null,{"rel":"stylesheet","href":"/a.css","precedence":"high"}],["$","link",null,{"rel":"stylesheet","href":"/b.css","precedence":"default"}],["$","link",null,{"rel":"stylesheet","href":"/c.css","precedence":"high"}],["$","p",null,{"children":"x"}]]}]]}]
