package fizz

import (
	"bytes"
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
	// The ClientHTML.Head of the client components written, spliced into
	// the preamble when the document or segment is done: resources
	// (stylesheets, scripts, preloads) at resAt, after the server
	// components' stylesheets, and hoistable elements (title, meta, link)
	// at headAt, the end of the preamble, where React puts them.
	resources, head []byte
	resAt, headAt   int
	seen            map[string]bool // resources written
}

// ClientHTML is what Options.RenderClient returns for a client component.
type ClientHTML struct {
	// HTML is the component's markup, written in a completed boundary;
	// nil to leave the component to the browser.
	HTML []byte
	// Head is what the component hoists into <head> (titles, meta,
	// stylesheets with precedence, preloads), as React wrote it before
	// the component: it is merged into the document's preamble.
	Head []byte
	// Digest, when HTML is nil, is written into the client-rendered
	// boundary (data-dgst). An empty digest makes React render the
	// component in the browser without reporting an error; a digest
	// makes it report error 419 with the digest to onRecoverableError.
	Digest string
}

// writePreamble writes the hoisted elements of the server components and
// marks where those of client components go.
func (w *writer) writePreamble() {
	start := len(w.b)
	w.b = append(w.b, w.hoist.preamble()...)
	w.tc.headAt = len(w.b)
	w.tc.resAt = start + len(w.hoist.charset) + len(w.hoist.view) + len(w.hoist.fonts) + len(w.hoist.images)
	for _, g := range w.hoist.styles {
		w.tc.resAt += len(g.links)
	}
}

// addClientHead files the elements of a client component's Head.
func (w *writer) addClientHead(head []byte) {
	for len(head) > 0 {
		el, rest := nextElement(head)
		switch {
		case isHoistable(el):
			w.tc.head = append(w.tc.head, el...)
		case !w.tc.seen[string(el)]:
			// React writes a resource once per document (a stylesheet
			// per href); each component's render wrote its own.
			if w.tc.seen == nil {
				w.tc.seen = map[string]bool{}
			}
			w.tc.seen[string(el)] = true
			w.tc.resources = append(w.tc.resources, el...)
		}
		head = rest
	}
}

// nextElement splits off the first element of React's preamble markup:
// a void element (<link …/>, <meta …/>) or one with text content
// (<title>, <style>, <script>). Attribute values never hold a raw '>'.
func nextElement(b []byte) (el, rest []byte) {
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		return b, nil
	}
	if end > 0 && b[end-1] == '/' {
		return b[:end+1], b[end+1:]
	}
	name := b[1:]
	if i := bytes.IndexAny(name, " >"); i >= 0 {
		name = name[:i]
	}
	closing := append(append([]byte("</"), name...), '>')
	if i := bytes.Index(b, closing); i >= 0 {
		return b[:i+len(closing)], b[i+len(closing):]
	}
	return b[:end+1], b[end+1:]
}

// isHoistable reports whether el is a hoistable element (React's
// hoistableChunks: <title>, <meta>, a <link> that is not a resource)
// rather than a resource (stylesheets with precedence, <style>, scripts,
// preloads).
func isHoistable(el []byte) bool {
	switch {
	case bytes.HasPrefix(el, []byte("<title")), bytes.HasPrefix(el, []byte("<meta")):
		return true
	case bytes.HasPrefix(el, []byte("<link")):
		return !bytes.Contains(el, []byte(" data-precedence=")) && !bytes.Contains(el, []byte(` rel="preload"`)) &&
			!bytes.Contains(el, []byte(` rel="modulepreload"`)) && !bytes.Contains(el, []byte(` rel="preconnect"`)) &&
			!bytes.Contains(el, []byte(` rel="dns-prefetch"`))
	}
	return false
}

// spliceClientHead inserts the Head of the client components written so
// far into the preamble (at the start of a segment).
func (w *writer) spliceClientHead() {
	if len(w.tc.head) == 0 && len(w.tc.resources) == 0 {
		return
	}
	headAt := min(w.tc.headAt, len(w.b))
	resAt := min(w.tc.resAt, headAt)
	out := make([]byte, 0, len(w.b)+len(w.tc.head)+len(w.tc.resources))
	out = append(out, w.b[:resAt]...)
	out = append(out, w.tc.resources...)
	out = append(out, w.b[resAt:headAt]...)
	out = append(out, w.tc.head...)
	out = append(out, w.b[headAt:]...)
	w.b = out
	w.tc.head, w.tc.resources = w.tc.head[:0], w.tc.resources[:0]
}

// treeSnapshot returns the current context, for a boundary whose content
// is written later (Pending), or nil when nothing needs it.
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
// reports false when there is no RenderClient or the component is
// ClientOnly: the writer then writes the client-rendered boundary.
func (w *writer) clientRef(c *tree.ClientRef) (bool, error) {
	if w.opts.RenderClient == nil || c.ClientOnly {
		return false, nil
	}
	at := ClientAt{Tree: TreeContext{Forks: append([]Fork(nil), w.tc.forks...)}, SVG: w.tc.svg}
	r := w.opts.RenderClient(c, at)
	w.addClientHead(r.Head)
	if r.HTML != nil {
		w.b = append(w.b, "<!--$-->"...)
		w.b = append(w.b, r.HTML...)
		w.b = append(w.b, "<!--/$-->"...)
		w.lastText = false
		return true, nil
	}
	w.b = append(w.b, `<!--$!--><template data-dgst="`...)
	w.b = appendEscaped(w.b, r.Digest)
	w.b = append(w.b, `"></template>`...)
	w.lastText = false
	if err := w.node(c.Fallback); err != nil {
		return true, err
	}
	w.b = append(w.b, "<!--/$-->"...)
	w.lastText = false
	return true, nil
}
