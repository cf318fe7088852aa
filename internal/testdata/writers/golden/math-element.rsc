0:["$","math",null,{"children":[["$","mi",null,{"children":"x"}],["$","mo",null,{"children":"="}],["$","mn",null,{"children":"1"}]]}]
