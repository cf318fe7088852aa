0:["$","div",null,{"contentEditable":"plaintext-only","draggable":"false","spellCheck":"true","children":"x"}]
