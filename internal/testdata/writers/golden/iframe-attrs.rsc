0:["$","iframe",null,{"src":"/f","sandbox":"allow-scripts","allow":"fullscreen","loading":"lazy","title":"t","width":"100%"}]
