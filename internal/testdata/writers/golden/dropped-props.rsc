0:["$","div",null,{"suppressHydrationWarning":true,"suppressContentEditableWarning":true,"innerHTML":"<b>x</b>","className":"keep","children":"x"}]
