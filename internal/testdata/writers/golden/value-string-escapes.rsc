1:"$Sreact.suspense"
2:I["/a/Counter.js",["/a/Counter.js","/a/Counter.js"],"Counter"]
0:["$","$1",null,{"fallback":null,"children":["$","$L2",null,{"q":"say \"hi\"\\","nl":"a\nb\r\nc","ctl":"\u0000\u0001\u001f","u":"  ","emoji":"😀","lt":"</script><!--"}]}]
