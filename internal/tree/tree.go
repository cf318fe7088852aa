// Package tree defines the node types that server components are built from.
// The public packages gorsc and html re-export them; the renderer and the
// writers under internal/ consume them.
package tree

//go:generate go run gen_shapes.go

import (
	"context"
	"fmt"
	"unsafe"
)

// Node is one piece of a server component tree. The concrete types are the
// ones in this package; a nil Node renders nothing.
type Node interface {
	isNode()
}

// Text is a text node.
type Text string

// Attr is a property of a host element (an HTML attribute, style, an action
// for a form). When passed to an element constructor it becomes a prop.
type Attr struct {
	Name  string
	Value any
}

// Key gives an element, a fragment or a client component a React key.
type Key string

// Element is a host element such as <div>. Build one with El (or
// NewElement); read it with Attrs, Children and Key. Its attributes,
// children and key live in the same allocation as the element, right
// after it (shape.go), so the element itself is 32 bytes: a <span> with a
// class and a text is one allocation of 64 bytes. What the readers return
// is the element's own memory, to be read, not changed.
type Element struct {
	Tag string

	p      unsafe.Pointer // the block: [key string][nattrs *Attr][nkids Node], or an *ext (form&isExt)
	nattrs uint16
	flags  flags // set by El: what the subtree is known not to hold
	form   form
	nkids  uint32
}

// form says where an element's key, attributes and children are.
type form uint8

const (
	hasKey form = 1 << iota // the element has a key
	isExt                   // p is an *ext
)

// ext holds what does not fit an element's shapes: many attributes or
// children, or those given to NewElement.
type ext struct {
	key   string
	attrs []*Attr
	kids  []Node
}

const (
	sizeofString = unsafe.Sizeof("")
	sizeofAttr   = unsafe.Sizeof((*Attr)(nil))
)

// NewElement returns the element tag with key (nil for none), attrs and
// kids, which it keeps (not copies): change neither afterwards (an
// encoder may know an attribute by its address). Nothing is known about
// what it holds (Plain and the others report false). El is the
// constructor of markup; NewElement is for code that has the parts in
// slices already.
func NewElement(tag string, key *string, attrs []Attr, kids []Node) *Element {
	var ps []*Attr
	if len(attrs) > 0 {
		ps = make([]*Attr, len(attrs))
		for i := range attrs {
			ps[i] = &attrs[i]
		}
	}
	return extElement(tag, key, ps, kids)
}

// extElement returns the element tag with key (nil for none), attrs and
// kids held in an ext, with nothing known about what it holds.
func extElement(tag string, key *string, attrs []*Attr, kids []Node) *Element {
	x := &ext{attrs: attrs, kids: kids}
	e := &Element{Tag: tag, p: unsafe.Pointer(x), form: isExt}
	if key != nil {
		x.key = *key
		e.form |= hasKey
	}
	return e
}

// Attrs returns e's attributes, in order (nil when none). The slice and
// the attributes are e's own, and may be shared with other elements (an
// attribute node passed to several): read them, do not change them.
func (e *Element) Attrs() []*Attr {
	if e.form&isExt != 0 {
		return (*ext)(e.p).attrs
	}
	if e.nattrs == 0 {
		return nil
	}
	return unsafe.Slice((**Attr)(unsafe.Add(e.p, e.keySize())), e.nattrs)
}

// Children returns e's children, in order, nil ones dropped (nil when
// none). The slice is e's own: read it, do not change it (SetChildren
// replaces them).
func (e *Element) Children() []Node {
	if e.form&isExt != 0 {
		return (*ext)(e.p).kids
	}
	if e.nkids == 0 {
		return nil
	}
	return unsafe.Slice((*Node)(unsafe.Add(e.p, e.keySize()+uintptr(e.nattrs)*sizeofAttr)), e.nkids)
}

// Key returns e's React key, or nil when it has none.
func (e *Element) Key() *string {
	switch {
	case e.form&hasKey == 0:
		return nil
	case e.form&isExt != 0:
		return &(*ext)(e.p).key
	}
	return (*string)(e.p)
}

func (e *Element) keySize() uintptr {
	if e.form&hasKey != 0 {
		return sizeofString
	}
	return 0
}

// SetChildren replaces e's children with kids, which it keeps. What El
// knew about e's subtree is forgotten (Plain and the others report false).
func (e *Element) SetChildren(kids []Node) { *e = *e.WithChildren(kids) }

// WithChildren returns a new element with e's tag, key and attributes
// and kids as its children, which it keeps; e is unchanged. Nothing is
// known about what it holds.
func (e *Element) WithChildren(kids []Node) *Element {
	return extElement(e.Tag, e.Key(), e.Attrs(), kids)
}

// flags say what a subtree built by El (or NewFragment) is known not to
// hold, so that passes over the tree can skip it. The zero value claims
// nothing: a node built any other way is walked.
type flags uint8

const (
	// plain: only host elements, text and numbers (and fragments of
	// them): no server component, Suspense boundary, client reference or
	// view transition, nothing the renderer resolves.
	plain flags = 1 << iota
	// noHoist: plain, and no element React hoists or preloads (<title>,
	// <meta>, <link>, <script>, <style>, <img>).
	noHoist
	// simple: noHoist, no <noscript> or <picture>, no fragment, and
	// every attribute value nil, a string, a bool, an int or a float64.
	simple
)

// flagsOf returns what n is known not to hold.
func flagsOf(n Node) flags {
	switch n := n.(type) {
	case Text, Number:
		return plain | noHoist | simple
	case *Element:
		if n != nil {
			return n.known()
		}
	case *Fragment:
		if n != nil {
			return n.known() &^ simple
		}
	}
	return 0
}

// childFlags returns what all of ns are known not to hold.
func childFlags(ns []Node) flags {
	f := plain | noHoist | simple
	for _, c := range ns {
		if c == nil {
			continue
		}
		if f &= flagsOf(c); f == 0 {
			break
		}
	}
	return f
}

func hoistable(tag string) bool {
	switch tag {
	case "title", "meta", "link", "script", "style", "img":
		return true
	}
	return false
}

// Plain reports whether el was built by El from children that hold only
// host elements, text and numbers: the renderer has nothing to do in it.
// It reports false when not known, and after SetChildren.
func (e *Element) Plain() bool { return e.known()&plain != 0 }

// HoistFree reports whether el is Plain and nothing in it, el included,
// is an element React hoists into <head> or preloads (<title>, <meta>,
// <link>, <script>, <style>, <img>). It reports false when not known.
func (e *Element) HoistFree() bool { return e.known()&noHoist != 0 }

// Simple reports whether el is HoistFree, neither it nor anything in it
// is a <noscript> or a <picture>, its children and theirs are only text,
// numbers and such elements (no fragment), and every attribute value in
// it is nil, a string, a bool, an int or a float64. Writing it needs no
// resource hint, no outlined row and no path to an object. It reports
// false when not known.
func (e *Element) Simple() bool { return e.known()&simple != 0 }

// known returns e's flags: what El knew of its subtree (SetChildren
// forgets it).
func (e *Element) known() flags { return e.flags }

// Plain reports whether f was built by NewFragment from children that
// hold only host elements, text and numbers; false when not known.
func (f *Fragment) Plain() bool { return f.known()&plain != 0 }

// HoistFree is Element.HoistFree for a fragment.
func (f *Fragment) HoistFree() bool { return f.known()&noHoist != 0 }

func (f *Fragment) known() flags {
	if int(f.nkids) != len(f.Children) {
		return 0
	}
	return f.flags
}

// NewFragment returns a fragment of children with key (nil for none),
// noting whether the children are Plain and HoistFree.
func NewFragment(key *string, children []Node) *Fragment {
	return &Fragment{Key: key, Children: children, flags: childFlags(children), nkids: uint32(len(children))}
}

// Fragment groups nodes without adding an element. A keyed fragment keeps
// its key on the wire.
type Fragment struct {
	Key      *string
	Children []Node

	flags flags  // set by NewFragment
	nkids uint32 // len(Children) then, as Element's
}

// Component is a server component: Go code run on the server while
// rendering. Its result takes its place in the tree.
type Component struct {
	Name string // for error messages; may be empty
	Key  *string
	Fn   func(ctx context.Context) (Node, error)
}

// ClientRef is a reference to a React client component, a "use client"
// module's export, with its props.
type ClientRef struct {
	// Module is the module path relative to the app directory, such as
	// "components/Counter.tsx"; Export the export name ("default" when the
	// reference string has no "#export").
	Module, Export string
	Key            *string
	Props          any
	// Fallback is written into the first HTML in place of the component
	// until the browser renders it; it may be nil.
	Fallback Node
	// HTML, when set, returns the markup the component renders in the
	// browser for these props, written by Go (gorsc's own Link and
	// ErrorBoundary). Then the component is hydrated in place instead of
	// leaving a client-rendered hole with Fallback. It receives the props
	// after their nodes are rendered, so nothing renders twice.
	HTML func(props map[string]any) Node
	// SSR is HTML's result, set by internal/render.
	SSR Node
	// ClientOnly keeps the component out of server rendering
	// (internal/ssr): the first HTML holds Fallback, and the browser
	// renders the component.
	ClientOnly bool
}

// Suspense shows Fallback until Children are ready.
type Suspense struct {
	Key      *string
	Fallback Node
	Children []Node
}

// Fallback is an option of a client reference, not a node of its own:
// passed to gorsc.Client, it sets the reference's Fallback.
type Fallback struct{ Node Node }

// ClientOnlyOption is an option of a client reference, not a node of its
// own: passed to gorsc.Client, it sets the reference's ClientOnly.
type ClientOnlyOption struct{}

// ViewTransition is React's <ViewTransition>: the browser animates its
// children when they appear, disappear, update or move between places
// with the same Name. The class props (Default, Update, Enter, Exit,
// Share) are a view-transition class name or "none"/"auto" (a string), or
// a map from transition types to such names (map[string]string); nil
// leaves a prop out. An empty Name leaves the name prop out (React then
// names the transition from the element's position, as useId does).
type ViewTransition struct {
	Key                                 *string
	Name                                string
	Default, Update, Enter, Exit, Share any
	Children                            []Node
}

// Group is a list of nodes that splices into its parent's children: element
// constructors flatten it. It is how a helper returns several attributes or
// children at once.
type Group []Node

func (Text) isNode()             {}
func (Attr) isNode()             {}
func (Key) isNode()              {}
func (*Element) isNode()         {}
func (*Fragment) isNode()        {}
func (*Component) isNode()       {}
func (*ClientRef) isNode()       {}
func (*Suspense) isNode()        {}
func (*ViewTransition) isNode()  {}
func (Group) isNode()            {}
func (Fallback) isNode()         {}
func (ClientOnlyOption) isNode() {}

// ActionRef is implemented by server actions (and bound server actions). The
// renderer asks the app for the action's id through it.
type ActionRef interface {
	// ActionName is the registered, process-wide unique name of the action.
	ActionName() string
	// BoundArgs are the values bound with Bind, in order; nil when unbound.
	BoundArgs() []any
}

// El builds an element from a mixed list of attributes, keys and children,
// the way the html helpers take them. Nil nodes are dropped and Groups are
// flattened.
func El(tag string, nodes ...Node) *Element {
	// Building markup is a hot path of every page: the element, its
	// attributes and its children are one allocation of the right size
	// (shape.go). One pass sorts the nodes (and what they are known not
	// to hold) into kinds, the second copies them into place.
	if len(nodes) > maxSorted {
		return elNested(tag, nodes)
	}
	var kinds [maxSorted]nodeKind
	var attrs, kids int
	keyed := false
	f := plain | noHoist | simple
	for i, n := range nodes {
		switch c := n.(type) {
		case Text, Number:
			kinds[i] = kindChild
			kids++
		case *Attr: // StrAttr's (a string value), or one of Attrs()
			if c == nil {
				continue // dropped, as a nil node
			}
			kinds[i] = kindAttr
			attrs++
			switch c.Value.(type) {
			case nil, string, bool, int, float64:
			default:
				f &^= simple
			}
		case *Element:
			if c != nil {
				kinds[i] = kindChild
				kids++
				f &= c.known()
			}
		case Attr:
			kinds[i] = kindAttr
			attrs++
			switch c.Value.(type) {
			case nil, string, bool, int, float64:
			default:
				f &^= simple
			}
		case Key:
			kinds[i] = kindKey
			keyed = true
		case nil:
		case Group:
			return elNested(tag, nodes)
		case *Fragment:
			if c != nil {
				kinds[i] = kindChild
				kids++
				f &= c.known() &^ simple
			}
		default:
			if !IsNil(n) {
				kinds[i] = kindChild
				kids++
				f = 0
			}
		}
	}
	e := newElement(attrs, kids, keyed)
	e.Tag = tag
	as, ks := e.Attrs(), e.Children()
	attrs, kids = 0, 0
	for i, n := range nodes {
		switch kinds[i] {
		case kindChild:
			ks[kids] = n
			kids++
		case kindAttr:
			as[attrs] = attrOf(n)
			attrs++
		case kindKey:
			*e.Key() = string(n.(Key)) // room made by newElement; the last key wins
		}
	}
	e.setFlags(f)
	return e
}

// attrOf returns the attribute n holds, an Attr or an *Attr, without a
// copy: an Attr in an interface is boxed by the compiler, and the box is
// never changed (an interface's value cannot be), so an element keeps a
// pointer to it, 8 bytes instead of 32.
func attrOf(n Node) *Attr {
	if a, ok := n.(*Attr); ok {
		return a
	}
	return (*Attr)((*[2]unsafe.Pointer)(unsafe.Pointer(&n))[1])
}

// nodeKind is where El puts one of its nodes.
type nodeKind uint8

const (
	kindNone  nodeKind = iota // dropped: nil
	kindChild                 // a child
	kindAttr                  // an Attr or an *Attr (StrAttr's)
	kindKey                   // the element's key
)

// maxSorted is the most nodes El sorts in one pass; longer lists, and
// lists holding a Group, take elNested's path.
const maxSorted = 32

// elNested is El for lists with groups (flattened) or many nodes.
func elNested(tag string, nodes []Node) *Element {
	attrs, kids, keyed := count(nodes)
	e := newElement(attrs, kids, keyed)
	e.Tag = tag
	as, ks, f := e.add(nodes, e.Attrs()[:0], e.Children()[:0], plain|noHoist|simple)
	// count's kids may be more than add kept (a typed nil is dropped).
	if e.form&isExt != 0 {
		x := (*ext)(e.p)
		x.attrs, x.kids = as, ks
	} else {
		e.nkids = uint32(len(ks))
	}
	e.setFlags(f)
	return e
}

// setFlags records f, narrowed by e's own tag, as what e is known not to
// hold.
func (e *Element) setFlags(f flags) {
	if hoistable(e.Tag) {
		f &^= noHoist
	}
	if f&noHoist == 0 || e.Tag == "noscript" || e.Tag == "picture" {
		f &^= simple
	}
	e.flags = f
}

// count returns how many attributes and children El keeps of nodes (at
// most: a typed nil child is dropped too), and whether they hold a key.
func count(nodes []Node) (attrs, kids int, keyed bool) {
	for _, n := range nodes {
		switch n := n.(type) {
		case nil:
		case Key:
			keyed = true
		case Attr:
			attrs++
		case *Attr:
			if n != nil {
				attrs++
			}
		case Group:
			a, k, kd := count(n)
			attrs += a
			kids += k
			keyed = keyed || kd
		default:
			kids++
		}
	}
	return attrs, kids, keyed
}

// add appends nodes to attrs and kids (or sets e's key), flattening
// groups and dropping nil nodes, and returns them with f narrowed to
// what the children added are known not to hold (flagsOf).
func (e *Element) add(nodes []Node, attrs []*Attr, kids []Node, f flags) ([]*Attr, []Node, flags) {
	for _, n := range nodes {
		switch c := n.(type) {
		case nil:
		case Text, Number:
			kids = append(kids, n)
		case Attr:
			attrs = append(attrs, attrOf(n))
			switch c.Value.(type) {
			case nil, string, bool, int, float64:
			default:
				f &^= simple
			}
		case *Attr: // StrAttr's (a string value), or one of Attrs()
			if c == nil {
				continue
			}
			attrs = append(attrs, c)
			switch c.Value.(type) {
			case nil, string, bool, int, float64:
			default:
				f &^= simple
			}
		case *Element:
			if c != nil {
				kids = append(kids, n)
				f &= c.known()
			}
		case Key:
			*e.Key() = string(c) // room made by newElement
		case Group:
			attrs, kids, f = e.add(c, attrs, kids, f)
		case *Fragment:
			if c != nil {
				kids = append(kids, n)
				f &= c.known() &^ simple
			}
		default:
			if !IsNil(n) {
				kids = append(kids, n)
				f = 0
			}
		}
	}
	return attrs, kids, f
}

// IsNil reports whether n renders nothing because it is nil: an untyped
// nil, or a nil pointer of one of this package's node types stored in a
// Node (a helper declared to return *ClientRef that returns nil). Every
// reader of a tree treats both the same.
func IsNil(n Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *Element:
		return n == nil
	case *Fragment:
		return n == nil
	case *Component:
		return n == nil
	case *ClientRef:
		return n == nil
	case *Suspense:
		return n == nil
	case *Boundary:
		return n == nil
	case *ViewTransition:
		return n == nil
	}
	return false
}

// Describe names a node for error messages.
func Describe(n Node) string {
	if IsNil(n) {
		return "nil"
	}
	switch n := n.(type) {
	case *Element:
		return "<" + n.Tag + ">"
	case *Component:
		if n.Name != "" {
			return n.Name
		}
		return "server component"
	case *ClientRef:
		return "client component " + n.Module + "#" + n.Export
	case *Suspense:
		return "<Suspense>"
	case *ViewTransition:
		return "<ViewTransition>"
	case *Fragment:
		return "fragment"
	case Text:
		return "text"
	case Attr:
		return "attribute " + n.Name
	case *Attr:
		return "attribute " + n.Name
	default:
		return fmt.Sprintf("%T", n)
	}
}

// Boundary is a Suspense boundary as internal/render returns it: its
// fallback is resolved with the shell, its children render in the
// background. Done is closed when Children (or Err) are set.
type Boundary struct {
	Key      *string
	Fallback Node
	Done     chan struct{}
	Children []Node // valid once Done is closed
	Err      error  // valid once Done is closed; the children failed
}

func (*Boundary) isNode() {}

// Ready reports whether the boundary's children have finished.
func (b *Boundary) Ready() bool {
	select {
	case <-b.Done:
		return true
	default:
		return false
	}
}

// Number is a number child, written as React writes a JavaScript number
// child: a JSON number in Flight (NaN, ±Infinity and -0 as "$NaN",
// "$Infinity", "$-Infinity", "$-0") and its decimal text in HTML, where it
// is separated from neighbouring text like any text node. A number does
// not round-trip through a string: React's client sees a number.
type Number float64

func (Number) isNode() {}

// NewSuspense builds a Suspense boundary from a mixed list of children and
// keys, the way El takes them: a Key among nodes becomes the boundary's
// key (as <Suspense key=…> in JSX), nil nodes are dropped and Groups are
// flattened.
func NewSuspense(fallback Node, nodes ...Node) *Suspense {
	s := &Suspense{Fallback: fallback}
	var add func(ns []Node)
	add = func(ns []Node) {
		for _, n := range ns {
			switch n := n.(type) {
			case nil:
			case Key:
				k := string(n)
				s.Key = &k
			case Group:
				add(n)
			default:
				s.Children = append(s.Children, n)
			}
		}
	}
	add(nodes)
	return s
}
