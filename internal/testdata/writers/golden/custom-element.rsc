0:["$","my-element",null,{"className":"c","some-attr":"v","flag":true,"num":1,"obj-like":"x","htmlFor":"f","children":"child"}]
