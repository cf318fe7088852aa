0:["$","input",null,{"placeholder":"<script>alert('x')</script> & \"q\"","name":"n&m"}]
