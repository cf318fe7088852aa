0:["one","two"]
