package gorsc

import (
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
	props := map[string]any{"href": href}
	a := tree.El("a", append([]Node{tree.Attr{Name: "href", Value: href}}, nodes...)...)
	for _, at := range a.Attrs {
		if at.Name != "href" {
			props[at.Name] = at.Value
		}
	}
	switch len(a.Children) {
	case 0:
	case 1:
		props["children"] = a.Children[0]
	default:
		props["children"] = tree.Group(a.Children)
	}
	// Link renders exactly <a href …>children</a>, so Go writes that HTML
	// and React hydrates it in place.
	return &tree.ClientRef{Module: "gorsc:link.tsx", Export: "Link", Key: a.Key, Props: props, SSR: a}
}
