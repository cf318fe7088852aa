0:["$","h1",null,{"style":{"flex":1,"fontSize":12,"marginTop":"1px"},"children":"t"}]
