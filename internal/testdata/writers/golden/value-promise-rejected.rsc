1:"$Sreact.suspense"
2:I["/v/Show.js",["/v/Show.js","/v/Show.js"],"Show"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"p":"$@3","q":"$@4"}]}]
3:E{"digest":"D:boom"}
4:"fine"
