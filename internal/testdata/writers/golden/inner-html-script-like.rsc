0:["$","div",null,{"dangerouslySetInnerHTML":{"__html":"<script>a<b</script>"}}]
