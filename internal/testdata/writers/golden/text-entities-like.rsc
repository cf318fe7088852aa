0:["$","p",null,{"children":"&amp; &lt; &#39; &nbsp;"}]
