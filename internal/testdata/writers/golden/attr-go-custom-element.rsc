0:["$","my-el",null,{"data-u":7,"on":true,"off":false,"big":"$n18446744073709551615","children":"x"}]
