0:"hello"
