0:["$","div",null,{"contentEditable":false,"spellCheck":true,"children":"x"}]
