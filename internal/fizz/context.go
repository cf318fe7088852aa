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

// treeContext is React's tree context (pushTreeContext): the position of
// a node among the arrays of children above it, as a bit string with a
// leading 1 (id) and the base-32 digits that overflowed 30 bits.
type treeContext struct {
	id       uint32 // 0 stands for the root, 1
	overflow string
}

func (c treeContext) orRoot() treeContext {
	if c.id == 0 {
		c.id = 1
	}
	return c
}

// push returns the context of child index of total children.
func (c treeContext) push(total, index int) treeContext {
	c = c.orRoot()
	baseLength := 32 - bits.LeadingZeros32(c.id) - 1
	baseID := c.id &^ (1 << baseLength)
	slot := uint32(index + 1)
	totalBits := 32 - bits.LeadingZeros32(uint32(total))
	if length := totalBits + baseLength; length <= 30 {
		return treeContext{id: 1<<length | slot<<baseLength | baseID, overflow: c.overflow}
	}
	n := baseLength - baseLength%5
	overflow := strconv.FormatUint(uint64(baseID&(1<<n-1)), 32) + c.overflow
	baseID >>= n
	baseLength -= n
	return treeContext{id: 1<<(totalBits+baseLength) | slot<<baseLength | baseID, overflow: overflow}
}

// treeID is React's getTreeId.
func (c treeContext) treeID() string {
	c = c.orRoot()
	return strconv.FormatUint(uint64(c.id&^(1<<(31-bits.LeadingZeros32(c.id)))), 32) + c.overflow
}

// reactID is the id useId returns (and the automatic name of a
// <ViewTransition>) at this position in server-rendered HTML: "_R_" +
// tree id + "_" (React 19.2+ makeId, no identifier prefix, first id of
// the component).
func (c treeContext) reactID() string { return "_R_" + c.treeID() + "_" }

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
	tc    treeContext
	vt    *viewTransition
	scope uint8
}

func (w *writer) fmtState() fmtState { return fmtState{w.tc, w.vt, w.scope} }

func (w *writer) setFmt(s fmtState) { w.tc, w.vt, w.scope = s.tc, s.vt, s.scope }

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
	for i, c := range ns {
		w.tc = saved.push(len(ns), i)
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
