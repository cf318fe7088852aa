0:["$","div","root",{"children":"x"}]
