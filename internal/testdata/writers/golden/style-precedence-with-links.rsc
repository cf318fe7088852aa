:HL["/1.css","style"]
:HL["/2.css","style"]
0:["$","html",null,{"children":[["$","head",null,{}],["$","body",null,{"children":[["$","link",null,{"rel":"stylesheet","href":"/1.css","precedence":"p"}],["$","style",null,{"href":"s1","precedence":"p","children":"s1{}"}],["$","link",null,{"rel":"stylesheet","href":"/2.css","precedence":"q"}],["$","style",null,{"href":"s2","precedence":"q","children":"s2{}"}],["$","style",null,{"href":"s1","precedence":"p","children":"dup{}"}],["$","p",null,{"children":"x"}]]}]]}]
