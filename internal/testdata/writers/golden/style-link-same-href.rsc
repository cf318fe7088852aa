:HL["/x","style"]
0:["$","div",null,{"children":[["$","link",null,{"rel":"stylesheet","href":"/x","precedence":"p"}],["$","style",null,{"href":"/x","precedence":"p","children":"x{}"}],["$","style",null,{"href":"/y","precedence":"p","children":"<style>y{}</style>"}]]}]
