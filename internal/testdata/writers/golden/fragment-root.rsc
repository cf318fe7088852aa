0:[["$","h1",null,{"children":"T"}],["$","p",null,{"children":"body"}]]
