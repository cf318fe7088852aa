0:["$","div",null,{"children":[["$","input",null,{"step":0.001,"max":1e+21,"min":-0.5,"maxLength":3}],["$","progress",null,{"value":0.25,"max":1}]]}]
