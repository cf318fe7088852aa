0:["$","form",null,{"acceptCharset":"utf-8","autoComplete":"off","encType":"text/plain","method":"post","target":"_blank","children":"x"}]
