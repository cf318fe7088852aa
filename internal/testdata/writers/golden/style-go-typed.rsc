0:["$","div",null,{"style":{"flexGrow":1,"height":"$n1152921504606846976","left":" 3em ","opacity":0.5,"top":"$-0","width":5},"children":"x"}]
