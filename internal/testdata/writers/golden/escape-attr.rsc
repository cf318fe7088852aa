0:["$","div",null,{"title":"a & b < c > d \" e ' f","data-x":"<&>"}]
