:HL[" JavaScript:alert(2)","image",{"imageSrcSet":"javascript:alert(1) 1x"}]
0:["$","img",null,{"srcSet":"javascript:alert(1) 1x","src":" JavaScript:alert(2)","alt":"j"}]
