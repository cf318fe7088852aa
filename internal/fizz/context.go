package fizz

import (
	"math/bits"
	"strconv"

	"github.com/gorsc/gorsc/internal/tree"
)

// The format context react-dom/server carries down the tree, as far as it
// changes what is written: the tree context that useId and automatic
// <ViewTransition> names are made of, and the view transition whose
// vt-* attributes the nearest host elements get.

// Fork is one array of children on the path from the root of the tree to a
// node: the array has N entries and the node is under entry I (0-based).
type Fork struct{ N, I int }

// TreeContext is where a node sits in the tree the browser hydrates, as
// React's useId and automatic <ViewTransition> names see it: the arrays of
// children on the path from the root (ReactFizzTreeContext,
// ReactFiberTreeContext). React forks the tree context at every array of
// children, whatever their keys (an array of one child too), and where a
// component materializes an id (an auto-named <ViewTransition>: one fork
// of one child). The writer computes it while it writes, from the same
// child lists the Flight writer encodes as arrays: every list of children
// but a single child is an array on the wire.
//
// The forks are the source of truth: React's compressed tree id (ID)
// follows from them, and a renderer given them can rebuild the same
// position (internal/ssr nests its element in arrays of these lengths),
// which the compressed id alone cannot do once it overflowed.
//
// The root is the element the browser runtime's Root component returns
// (internal/runtime/bootstrap.tsx): Root itself and the host root add no
// fork, and neither do the Suspense boundaries the Flight writer puts
// around client components.
type TreeContext struct {
	Forks []Fork // from the root
}

// push returns the context of child index of total children. The result
// shares tc's array (grown with room for deeper forks): the writer uses
// contexts as a stack, and clones the ones it keeps (clone).
func (tc TreeContext) push(total, index int) TreeContext {
	f := tc.Forks
	if len(f) == cap(f) {
		f = append(make([]Fork, 0, max(16, 2*len(f))), f...)
	}
	return TreeContext{Forks: append(f, Fork{N: total, I: index})}
}

// sibling returns tc, the context of a child, moved to sibling index: it
// reuses tc's array.
func (tc TreeContext) sibling(index int) TreeContext {
	tc.Forks[len(tc.Forks)-1].I = index
	return tc
}

func (tc TreeContext) clone() TreeContext {
	if len(tc.Forks) == 0 {
		return TreeContext{}
	}
	return TreeContext{Forks: append([]Fork(nil), tc.Forks...)}
}

// reactTreeID is React's compressed form of a tree context: the slots of
// the forks packed in id after a leading 1 bit, older bits moved into
// overflow (base 32) when id would pass 30 bits.
type reactTreeID struct {
	id       uint32
	overflow string
}

// push is React's pushTreeContext: t forked into total children, the
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
	n := baseLength - baseLength%5
	overflow := strconv.FormatUint(uint64(baseID&(1<<n-1)), 32) + t.overflow
	baseID >>= n
	baseLength -= n
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
	return strconv.FormatUint(uint64(t.id&^(1<<(bits.Len32(t.id)-1))), 32) + t.overflow
}

// reactID is the id useId returns (and the automatic name of a
// <ViewTransition>) at this position in server-rendered HTML: "_R_" +
// tree id + "_" (React 19.2+ makeId, no identifier prefix, first id of
// the component).
func (tc TreeContext) reactID() string { return "_R_" + tc.ID() + "_" }

// viewTransition is the view transition of a format context.
type viewTransition struct {
	update, enter, exit, share string
	name, autoName             string
	nameIdx                    int
}

// Tag scope bits of the format context that this writer needs (React's
// values).
const (
	scopeInFallback = 4  // anywhere inside a Suspense fallback
	scopeFallback   = 8  // directly inside a Suspense fallback
	scopeContent    = 16 // directly inside Suspense content
	scopeUpdate     = 32 // inside a view transition that animates updates
)

// fmtState is the part of the format context the writer tracks.
type fmtState struct {
	tc    TreeContext
	vt    *viewTransition
	scope uint8
}

func (w *writer) fmtState() fmtState { return fmtState{w.tc, w.vt, w.scope} }

func (w *writer) setFmt(s fmtState) { w.tc, w.vt, w.scope = s.tc, s.vt, s.scope }

// hoistScopeOf is the hoisting pass's scope for content in format
// context s (see collect).
func hoistScopeOf(s fmtState) hoistScope {
	if s.vt != nil {
		return inViewTransition
	}
	return 0
}

// clone returns s with its own copy of the tree context, to keep.
func (s fmtState) clone() fmtState {
	s.tc = s.tc.clone()
	return s
}

// suspenseVT is React's getSuspenseViewTransition.
func suspenseVT(p *viewTransition) *viewTransition {
	if p == nil {
		return nil
	}
	return &viewTransition{update: p.update, enter: "none", exit: "none", share: p.update, name: p.autoName, autoName: p.autoName}
}

// suspenseContent is the format context of a Suspense boundary's content.
func (w *writer) suspenseContent() fmtState {
	return fmtState{tc: w.tc, vt: suspenseVT(w.vt), scope: w.scope | scopeContent}
}

// suspenseFallback is the format context of a Suspense boundary's
// fallback. A boundary inside a view transition that animates updates
// makes React reveal streamed content with view transitions.
func (w *writer) suspenseFallback() fmtState {
	if w.scope&scopeUpdate != 0 {
		w.needsVT = true
	}
	return fmtState{tc: w.tc, vt: suspenseVT(w.vt), scope: w.scope | scopeInFallback | scopeFallback}
}

// children writes a list of children the way the Flight writer sends it
// and React renders it: one child as itself, several as an array, each
// in the tree context of its index.
func (w *writer) children(ns []tree.Node) error {
	if len(ns) == 1 {
		return w.node(ns[0])
	}
	saved := w.tc
	tc := saved.push(len(ns), 0)
	w.tc = tc
	// Each child leaves w.tc as it found it: only the index changes.
	last := &tc.Forks[len(tc.Forks)-1]
	for i, c := range ns {
		last.I = i
		if err := w.node(c); err != nil {
			w.tc = saved
			return err
		}
	}
	w.tc = saved
	return nil
}

// vtAttrs writes the vt-* attributes of a host element started in a view
// transition's format context (React's pushViewTransitionAttributes).
func (w *writer) vtAttrs() {
	v := w.vt
	if v == nil {
		return
	}
	if v.name != "auto" {
		name := v.name
		if v.nameIdx > 0 {
			name += "_" + strconv.Itoa(v.nameIdx)
		}
		w.attr("vt-name", name)
		v.nameIdx++
	}
	w.attr("vt-update", v.update)
	if v.enter != "none" {
		w.attr("vt-enter", v.enter)
	}
	if v.exit != "none" {
		w.attr("vt-exit", v.exit)
	}
	if v.share != "none" {
		w.attr("vt-share", v.share)
	}
}

// vtClass is React's getViewTransitionClassName: the class of an event
// (or of "default"), "" with false when it is unset or "auto".
func vtClass(def, event any) (string, bool) {
	d, dok := vtClassValue(def)
	e, eok := vtClassValue(event)
	if !eok {
		if !dok || d == "auto" {
			return "", false
		}
		return d, true
	}
	if e == "auto" {
		return "", false
	}
	return e, true
}

// vtClassValue reads a class prop: a string, or a map whose "default"
// entry is one.
func vtClassValue(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case string:
		return v, true
	case map[string]string:
		s, ok := v["default"]
		return s, ok
	case map[string]any:
		s, ok := v["default"].(string)
		return s, ok
	}
	if s, ok := attrString(v); ok {
		return s, true
	}
	return "", false
}

// viewTransitionNode writes a <ViewTransition>: its children, with the
// view transition React's format context gives them.
func (w *writer) viewTransitionNode(n *tree.ViewTransition) error {
	saved := w.fmtState()
	defer w.setFmt(saved)
	auto := n.Name == "" || n.Name == "auto"
	autoName := n.Name
	if auto {
		autoName = w.tc.reactID()
	}
	class := func(event any, unset string) string {
		if c, ok := vtClass(n.Default, event); ok {
			return c
		}
		return unset
	}
	v := &viewTransition{update: class(n.Update, "auto"), enter: class(n.Enter, "auto"), exit: class(n.Exit, "auto"), autoName: autoName}
	share, shareSet := vtClass(n.Default, n.Share)
	if n.Name == "" {
		if w.vt != nil {
			v.name, share = w.vt.name, w.vt.share
		} else {
			v.name, share = "auto", "none"
		}
	} else {
		v.name = n.Name
		if !shareSet {
			share = "auto"
		}
		if w.scope&scopeInFallback != 0 {
			w.needsVT = true
		}
	}
	v.share = share
	if w.scope&scopeFallback == 0 {
		v.exit = "none"
	} else {
		w.needsVT = true
	}
	if w.scope&scopeContent == 0 {
		v.enter = "none"
	} else {
		w.needsVT = true
	}
	w.vt = v
	w.scope &^= scopeFallback | scopeContent
	if v.update != "none" {
		w.scope |= scopeUpdate
	} else {
		w.scope &^= scopeUpdate
	}
	if auto {
		w.tc = w.tc.push(1, 0)
	}
	return w.children(n.Children)
}
