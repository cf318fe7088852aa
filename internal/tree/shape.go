package tree

// El allocates an element together with the arrays its attributes and
// children live in, sized for them: a <span> with a class and two
// children is one allocation of 144 bytes. An element with more
// attributes or children than the shapes below hold gets its slices
// allocated on their own.

// shape is an element followed by its attributes and children.
type shape[A, C any] struct {
	e Element
	a A
	c C
}

type (
	attrs0 [0]Attr
	attrs1 [1]Attr
	attrs2 [2]Attr
	attrs3 [3]Attr
	nodes0 [0]Node
	nodes1 [1]Node
	nodes2 [2]Node
	nodes3 [3]Node
	nodes4 [4]Node
	nodes5 [5]Node
	nodes6 [6]Node
	nodes7 [7]Node
	nodes8 [8]Node
	nodes9 [9]Node
)

func (a *attrs0) slice() []Attr { return a[:] }
func (a *attrs1) slice() []Attr { return a[:] }
func (a *attrs2) slice() []Attr { return a[:] }
func (a *attrs3) slice() []Attr { return a[:] }
func (c *nodes0) slice() []Node { return c[:] }
func (c *nodes1) slice() []Node { return c[:] }
func (c *nodes2) slice() []Node { return c[:] }
func (c *nodes3) slice() []Node { return c[:] }
func (c *nodes4) slice() []Node { return c[:] }
func (c *nodes5) slice() []Node { return c[:] }
func (c *nodes6) slice() []Node { return c[:] }
func (c *nodes7) slice() []Node { return c[:] }
func (c *nodes8) slice() []Node { return c[:] }
func (c *nodes9) slice() []Node { return c[:] }

type slicer[T, E any] interface {
	*T
	slice() []E
}

func newShape[A, C any, PA slicer[A, Attr], PC slicer[C, Node]]() *Element {
	x := new(shape[A, C])
	x.e.Attrs = PA(&x.a).slice()[:0]
	x.e.Children = PC(&x.c).slice()[:0]
	return &x.e
}

// shapes[a][c] allocates an element with room for a attributes and c
// children.
var shapes = [4][10]func() *Element{
	{newShape[attrs0, nodes0], newShape[attrs0, nodes1], newShape[attrs0, nodes2], newShape[attrs0, nodes3], newShape[attrs0, nodes4],
		newShape[attrs0, nodes5], newShape[attrs0, nodes6], newShape[attrs0, nodes7], newShape[attrs0, nodes8], newShape[attrs0, nodes9]},
	{newShape[attrs1, nodes0], newShape[attrs1, nodes1], newShape[attrs1, nodes2], newShape[attrs1, nodes3], newShape[attrs1, nodes4],
		newShape[attrs1, nodes5], newShape[attrs1, nodes6], newShape[attrs1, nodes7], newShape[attrs1, nodes8], newShape[attrs1, nodes9]},
	{newShape[attrs2, nodes0], newShape[attrs2, nodes1], newShape[attrs2, nodes2], newShape[attrs2, nodes3], newShape[attrs2, nodes4],
		newShape[attrs2, nodes5], newShape[attrs2, nodes6], newShape[attrs2, nodes7], newShape[attrs2, nodes8], newShape[attrs2, nodes9]},
	{newShape[attrs3, nodes0], newShape[attrs3, nodes1], newShape[attrs3, nodes2], newShape[attrs3, nodes3], newShape[attrs3, nodes4],
		newShape[attrs3, nodes5], newShape[attrs3, nodes6], newShape[attrs3, nodes7], newShape[attrs3, nodes8], newShape[attrs3, nodes9]},
}

// newElement returns an empty element whose Attrs and Children have room
// for attrs and kids entries.
func newElement(attrs, kids int) *Element {
	if attrs < len(shapes) {
		if kids < len(shapes[0]) {
			return shapes[attrs][kids]()
		}
		e := shapes[attrs][0]()
		e.Children = make([]Node, 0, kids)
		return e
	}
	e := &Element{Attrs: make([]Attr, 0, attrs)}
	if kids > 0 {
		e.Children = make([]Node, 0, kids)
	}
	return e
}
