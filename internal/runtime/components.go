package runtime

import (
	"slices"

	"github.com/gorsc/gorsc/internal/tree"
)

// The runtime's own client components, as server-side references. Each
// carries the Go function that writes exactly the HTML its TSX renders on
// the first load, so the first HTML needs no JavaScript engine for them.

// Link is link.tsx's Link: an <a> that navigates with the client router.
// nodes are the <a>'s attributes, key and children, as html helpers take
// them.
func Link(href string, nodes ...tree.Node) *tree.ClientRef {
	a := tree.El("a", nodes...)
	props := map[string]any{"href": href}
	for _, at := range a.Attrs() {
		props[at.Name] = at.Value
	}
	setChildren(props, a.Children())
	return &tree.ClientRef{Module: "gorsc:link.tsx", Export: "Link", Key: a.Key(), Props: props, HTML: linkHTML}
}

// linkHTML is what link.tsx renders: <a href {...rest}>{children}</a>.
func linkHTML(props map[string]any) tree.Node {
	attrs := []tree.Node{tree.Attr{Name: "href", Value: props["href"]}}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, name := range keys {
		switch name {
		case "href", "children", "replace", "scroll", "prefetch":
		default:
			attrs = append(attrs, tree.Attr{Name: name, Value: props[name]})
		}
	}
	return tree.El("a", append(attrs, childNode(props))...)
}

// ErrorBoundary is error-boundary.tsx's ErrorBoundary: fallback in place
// of children when they fail, with a button labelled retry (none when
// empty) that renders the page again.
func ErrorBoundary(fallback tree.Node, retry string, children ...tree.Node) *tree.ClientRef {
	props := map[string]any{"fallback": fallback}
	if retry != "" {
		props["retry"] = retry
	}
	setChildren(props, children)
	return &tree.ClientRef{Module: "gorsc:error-boundary.tsx", Export: "ErrorBoundary", Props: props, HTML: childNode}
}

// Slot is segment.tsx's Slot, keyed by id: transparent in HTML, and the
// place where a partial answer puts a segment's new children on the
// client.
func Slot(id string, children tree.Node) *tree.ClientRef {
	props := map[string]any{"id": id}
	if children != nil {
		props["children"] = children
	}
	key := id
	return &tree.ClientRef{Module: "gorsc:segment.tsx", Export: "Slot", Key: &key, Props: props, HTML: slotHTML}
}

func slotHTML(props map[string]any) tree.Node {
	if n := childNode(props); n != nil {
		return n
	}
	return tree.Group{} // not nil: Go writes the (empty) HTML, nothing is client-rendered
}

func setChildren(props map[string]any, kids []tree.Node) {
	switch len(kids) {
	case 0:
	case 1:
		props["children"] = kids[0]
	default:
		props["children"] = tree.Group(kids)
	}
}

func childNode(props map[string]any) tree.Node {
	n, _ := props["children"].(tree.Node)
	return n
}
