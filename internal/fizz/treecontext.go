package fizz

import (
	"math/bits"
	"strconv"

	"github.com/gorsc/gorsc/internal/tree"
)

// Fork is one array of children on the path from the root of the tree to a
// node: the array has N entries and the node is under entry I (0-based).
type Fork struct{ N, I int }

// TreeContext is where a node sits in the tree the browser hydrates, as
// React's useId sees it: the arrays of children on the path from the root
// (ReactFizzTreeContext, ReactFiberTreeContext). React forks the tree
// context at every array of children, whatever their keys, and nowhere
// else for server output (components that call useId fork it too, but
// those run in JavaScript). The writer computes it while it writes, from
// the same child lists the Flight writer encodes as arrays: every list of
// children but a single child is an array on the wire.
//
// The root is the element the browser runtime's Root component returns
// (internal/runtime/bootstrap.tsx): Root itself and the host root add no
// fork, and neither do the Suspense boundaries the Flight writer puts
// around client components.
type TreeContext struct {
	Forks []Fork // from the root
}

// ClientAt is where a client component sits, for a server render of it
// that the browser can hydrate.
type ClientAt struct {
	Tree TreeContext
	// SVG is set inside an <svg> element (outside <foreignObject>): React
	// writes the component's elements in SVG's namespace rules there.
	SVG bool
}

// reactTreeID is React's compressed form of a tree context: the slots of
// the forks packed in id after a leading 1 bit, older bits moved into
// overflow (base 32) when id would pass 30 bits.
type reactTreeID struct {
	id       uint32
	overflow string
}

// push is React's pushTreeContext: base forked into total children, the
// index-th of them.
func (t reactTreeID) push(total, index int) reactTreeID {
	baseLength := bits.Len32(t.id) - 1
	baseID := t.id &^ (1 << baseLength)
	slot := uint32(index + 1)
	totalBits := bits.Len32(uint32(total))
	if length := totalBits + baseLength; length <= 30 {
		return reactTreeID{id: 1<<length | slot<<baseLength | baseID, overflow: t.overflow}
	}
	// Move the oldest whole base-32 digits of the id into overflow.
	moved := baseLength - baseLength%5
	overflow := strconv.FormatUint(uint64(baseID&(1<<moved-1)), 32) + t.overflow
	baseID >>= moved
	baseLength -= moved
	return reactTreeID{id: 1<<(totalBits+baseLength) | slot<<baseLength | baseID, overflow: overflow}
}

// ID returns React's tree id for tc (getTreeId): the string useId puts
// between "_R_" and "_" for the first useId call of a component rendered
// at tc, with no identifierPrefix.
func (tc TreeContext) ID() string {
	t := reactTreeID{id: 1}
	for _, f := range tc.Forks {
		t = t.push(f.N, f.I)
	}
	base := t.id &^ (1 << (bits.Len32(t.id) - 1))
	return strconv.FormatUint(uint64(base), 32) + t.overflow
}

// treeState is the writer's tree context while it writes: the forks from
// the root to the node being written, and whether that node is in SVG.
type treeState struct {
	forks []Fork
	svg   bool
}

// snapshot returns the current context, for a boundary whose content is
// written later (Pending), or nil when nothing needs it.
func (w *writer) treeSnapshot() []Fork {
	if w.opts.RenderClient == nil {
		return nil
	}
	return append([]Fork(nil), w.tc.forks...)
}

// children writes a list of children, forking the tree context when the
// list is an array on the wire (anything but one child).
func (w *writer) children(ns []tree.Node) error {
	if len(ns) == 1 {
		return w.node(ns[0])
	}
	for i, c := range ns {
		w.tc.forks = append(w.tc.forks, Fork{N: len(ns), I: i})
		err := w.node(c)
		w.tc.forks = w.tc.forks[:len(w.tc.forks)-1]
		if err != nil {
			return err
		}
	}
	return nil
}

// elementChildren writes the children of el.
func (w *writer) elementChildren(el *tree.Element) error {
	svg := w.tc.svg
	switch el.Tag {
	case "svg":
		w.tc.svg = true
	case "foreignObject":
		w.tc.svg = false
	}
	err := w.children(el.Children)
	w.tc.svg = svg
	return err
}

// withForks writes with the tree context set to forks (a Pending's).
func (w *writer) withForks(forks []Fork, write func() error) error {
	saved := w.tc.forks
	w.tc.forks = append([]Fork(nil), forks...)
	err := write()
	w.tc.forks = saved
	return err
}

// clientRef writes a client component that Go has no HTML for: the HTML
// Options.RenderClient returns in a completed boundary, else a
// client-rendered boundary with the fallback (flight-spec §4.3). It
// reports false when there is no RenderClient.
func (w *writer) clientRef(c *tree.ClientRef) (bool, error) {
	if w.opts.RenderClient == nil {
		return false, nil
	}
	at := ClientAt{Tree: TreeContext{Forks: append([]Fork(nil), w.tc.forks...)}, SVG: w.tc.svg}
	html, digest := w.opts.RenderClient(c, at)
	if html != nil {
		w.b = append(w.b, "<!--$-->"...)
		w.b = append(w.b, html...)
		w.b = append(w.b, "<!--/$-->"...)
		w.lastText = false
		return true, nil
	}
	w.b = append(w.b, `<!--$!--><template data-dgst="`...)
	w.b = appendEscaped(w.b, digest)
	w.b = append(w.b, `"></template>`...)
	w.lastText = false
	if err := w.node(c.Fallback); err != nil {
		return true, err
	}
	w.b = append(w.b, "<!--/$-->"...)
	w.lastText = false
	return true, nil
}
