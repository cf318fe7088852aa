0:["$","p",null,{"title":"$$money","data-y":"$$$","children":"$$5 off"}]
