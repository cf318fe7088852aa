0:["$","svg",null,{"children":["$","rect",null,{"style":{"fillOpacity":0.5,"strokeWidth":3,"x":5}}]}]
