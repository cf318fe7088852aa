0:["$","div",null,{"title":"hello","data-u":7,"data-i":-5,"data-f":0.10000000149011612,"data-big":"$n18446744073709551615","data-neg":"$n-1152921504606846976","tabIndex":-5,"children":"x"}]
