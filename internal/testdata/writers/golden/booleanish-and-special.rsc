0:["$","div",null,{"contentEditable":true,"spellCheck":false,"draggable":true,"children":[["$","a",null,{"href":"/f.pdf","download":true,"children":"d"}],["$","textarea",null,{"cols":0,"rows":3}]]}]
