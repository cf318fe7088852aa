0:["$","label",null,{"className":"c","htmlFor":"x","tabIndex":0,"children":"L"}]
