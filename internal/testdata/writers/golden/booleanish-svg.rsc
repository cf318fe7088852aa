0:["$","svg",null,{"children":[["$","feConvolveMatrix",null,{"preserveAlpha":true}],["$","animate",null,{"focusable":false,"externalResourcesRequired":true,"autoReverse":"false"}]]}]
