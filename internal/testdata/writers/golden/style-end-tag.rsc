0:["$","style",null,{"children":"p{}</style><i>x"}]
