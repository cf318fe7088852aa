package gorsc

import (
	"slices"

	"github.com/gorsc/gorsc/internal/tree"
)

// Link is an <a> that navigates inside the app without reloading the
// document: the browser fetches the target page's Flight payload, React
// renders it, and the layouts keep their client state. Modified clicks
// (new tab, download) and links to other sites behave as plain links, and
// with JavaScript off it is a plain link.
//
// Pass attributes (html.Class, html.ID, …) and children:
//
//	gorsc.Link("/todos", html.Class("nav"), html.Text("Todos"))
func Link(href string, nodes ...Node) Node {
	a := tree.El("a", nodes...)
	props := map[string]any{"href": href}
	for _, at := range a.Attrs {
		props[at.Name] = at.Value
	}
	setChildren(props, a.Children)
	return &tree.ClientRef{Module: "gorsc:link.tsx", Export: "Link", Key: a.Key, Props: props, HTML: linkHTML}
}

// linkHTML is what internal/runtime/link.tsx renders: <a href {...rest}>{children}</a>.
func linkHTML(props map[string]any) Node {
	attrs := []Node{tree.Attr{Name: "href", Value: props["href"]}}
	for _, name := range sortedKeys(props) {
		switch name {
		case "href", "children", "replace", "scroll", "prefetch":
		default:
			attrs = append(attrs, tree.Attr{Name: name, Value: props[name]})
		}
	}
	return tree.El("a", append(attrs, childNode(props))...)
}

// Prefetch sets when a Link fetches its page ahead of a click: "hover"
// (the default: when the pointer or keyboard focus reaches it),
// "viewport" (as soon as it is visible) or "none". A prefetched page is
// used for one navigation within 30 seconds; actions drop it.
func Prefetch(when string) Node { return tree.Attr{Name: "prefetch", Value: when} }

// ErrorBoundary shows fallback in place of children when rendering them
// fails, in the browser or on the server (an error in a Suspense boundary
// below it). The error UI carries the error's digest in a data-digest
// attribute; the details are in the server log under the same digest.
func ErrorBoundary(fallback Node, children ...Node) Node {
	return errorBoundary(fallback, "", children...)
}

// errorBoundary is ErrorBoundary with a retry button labelled retry (none
// when empty) that renders the page again.
func errorBoundary(fallback Node, retry string, children ...Node) Node {
	props := map[string]any{"fallback": fallback}
	if retry != "" {
		props["retry"] = retry
	}
	setChildren(props, children)
	return &tree.ClientRef{Module: "gorsc:error-boundary.tsx", Export: "ErrorBoundary", Props: props, HTML: childNode}
}

func setChildren(props map[string]any, kids []Node) {
	switch len(kids) {
	case 0:
	case 1:
		props["children"] = kids[0]
	default:
		props["children"] = tree.Group(kids)
	}
}

func childNode(props map[string]any) Node {
	n, _ := props["children"].(Node)
	return n
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
