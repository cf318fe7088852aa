0:["$","a",null,{"href":"https://x.test/?a=1&b=\"2\"","target":"_blank","rel":"noopener noreferrer","hrefLang":"en","ping":"/p","children":"x"}]
