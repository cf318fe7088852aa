0:["$","ul",null,{"children":[["$","li","$$k",{"children":"a"}],["$","li","$$",{"children":"b"}]]}]
