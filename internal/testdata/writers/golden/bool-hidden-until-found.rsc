0:["$","div",null,{"hidden":"until-found","children":"x"}]
