package render

import "github.com/gorsc/gorsc/internal/tree"

// StylesheetPrecedence is the precedence of the stylesheets gorsc links:
// React 19 treats a <link rel="stylesheet"> with a precedence as a
// resource. react-dom/server writes it into <head> before the content
// that needs it (so the first paint is styled), and the browser's React
// inserts it once, in precedence order, and holds back a transition
// (a client navigation) until it has loaded, so new content never shows
// unstyled.
const StylesheetPrecedence = "gorsc"

// StylesheetLink returns the stylesheet resource for href.
func StylesheetLink(href string) *tree.Element {
	return tree.El("link",
		tree.Attr{Name: "rel", Value: "stylesheet"},
		tree.Attr{Name: "href", Value: href},
		tree.Attr{Name: "precedence", Value: StylesheetPrecedence},
	)
}

// withStylesheets puts the stylesheet resources of c's module beside it,
// as Next.js does, so that both writers carry them: the HTML writer
// hoists them into <head>, and the Flight payload hands them to React in
// the browser. Beside a keyed reference they share a fragment carrying
// the key, so that a reordered list keeps each component's state.
func (r *renderer) withStylesheets(c *tree.ClientRef) tree.Node {
	if r.sheets == nil {
		return c
	}
	hrefs := r.sheets(c.Module)
	if len(hrefs) == 0 {
		return c
	}
	nodes := make([]tree.Node, 0, len(hrefs)+1)
	for _, h := range hrefs {
		nodes = append(nodes, StylesheetLink(h))
	}
	nodes = append(nodes, c)
	if c.Key != nil {
		return &tree.Fragment{Key: c.Key, Children: nodes}
	}
	return tree.Group(nodes)
}
