0:["$","meta",null,{"httpEquiv":"refresh","content":"5"}]
