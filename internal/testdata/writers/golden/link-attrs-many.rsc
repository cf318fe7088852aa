0:["$","div",null,{"children":["$","link",null,{"rel":"alternate","href":"/feed","type":"application/rss+xml","title":"Feed","hrefLang":"en"}]}]
