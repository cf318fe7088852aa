0:["$","img",null,{"src":"/x.png","alt":"x","loading":"lazy"}]
