0:["$","my-el",null,{"ok-name":"1","bad name":"2","x\"y":"3","onclick":"go()","children":"x"}]
