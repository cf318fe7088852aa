1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"n":"$@3","s":"$@4","z":"$@5","u":"$@6"}]}]
3:5
4:"$$x"
5:null
6:"$undefined"
