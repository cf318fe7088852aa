package server

import "github.com/gorsc/gorsc/internal/tree"

// document returns root as a whole document: root itself when it renders
// an <html> element at its top (the root layout's, as in Next.js), or
// root inside a default <html><head><meta charset></head><body>. Without
// <html> there would be no doctype, no <head> for React's resources and
// no bootstrap script, so client components would never render.
func document(root tree.Node) tree.Node {
	if hasHTML(root) {
		return root
	}
	return tree.El("html",
		tree.El("head", tree.El("meta", tree.Attr{Name: "charSet", Value: "utf-8"})),
		tree.El("body", root),
	)
}

// hasHTML reports whether n renders an <html> element before any other
// element: through groups, fragments and gorsc's transparent runtime
// components (segment slots, error boundaries).
func hasHTML(n tree.Node) bool {
	switch n := n.(type) {
	case *tree.Element:
		return n != nil && n.Tag == "html"
	case tree.Group:
		return anyHTML(n)
	case *tree.Fragment:
		return n != nil && anyHTML(n.Children)
	case *tree.ClientRef:
		if n == nil || n.HTML == nil {
			return false
		}
		props, _ := n.Props.(map[string]any)
		child, _ := props["children"].(tree.Node)
		return hasHTML(child)
	}
	return false
}

func anyHTML(ns []tree.Node) bool {
	for _, c := range ns {
		if _, isEl := c.(*tree.Element); isEl || hasHTML(c) {
			return hasHTML(c)
		}
	}
	return false
}
