0:["$","p",null,{"children":"héllo — 日本 😀 line\nbreak\ttab   sep"}]
