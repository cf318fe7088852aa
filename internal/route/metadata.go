package route

import (
	"context"
	"maps"
	"net/http"
	"slices"

	"github.com/gorsc/gorsc/internal/tree"
)

// Metadata describes a page for <head>; see gorsc.Metadata, which has the
// same fields.
type Metadata struct {
	Title       string
	Description string
	Canonical   string
	OpenGraph   map[string]string
	Meta        map[string]string
}

// merge returns m with the fields deeper sets overriding it.
func (m Metadata) merge(deeper Metadata) Metadata {
	if deeper.Title != "" {
		m.Title = deeper.Title
	}
	if deeper.Description != "" {
		m.Description = deeper.Description
	}
	if deeper.Canonical != "" {
		m.Canonical = deeper.Canonical
	}
	m.OpenGraph = mergeMap(m.OpenGraph, deeper.OpenGraph)
	m.Meta = mergeMap(m.Meta, deeper.Meta)
	return m
}

func mergeMap(a, b map[string]string) map[string]string {
	if len(b) == 0 {
		return a
	}
	out := make(map[string]string, len(a)+len(b))
	maps.Copy(out, a)
	maps.Copy(out, b)
	return out
}

// nodes renders the metadata as the hoistable elements React 19 moves into
// <head>: <title>, <meta>, <link>.
func (m Metadata) nodes() []tree.Node {
	var out []tree.Node
	if m.Title != "" {
		out = append(out, tree.El("title", tree.Text(m.Title)))
	}
	if m.Description != "" {
		out = append(out, tree.El("meta", tree.Attr{Name: "name", Value: "description"}, tree.Attr{Name: "content", Value: m.Description}))
	}
	if m.Canonical != "" {
		out = append(out, tree.El("link", tree.Attr{Name: "rel", Value: "canonical"}, tree.Attr{Name: "href", Value: m.Canonical}))
	}
	for _, k := range slices.Sorted(maps.Keys(m.OpenGraph)) {
		out = append(out, tree.El("meta", tree.Attr{Name: "property", Value: "og:" + k}, tree.Attr{Name: "content", Value: m.OpenGraph[k]}))
	}
	for _, k := range slices.Sorted(maps.Keys(m.Meta)) {
		out = append(out, tree.El("meta", tree.Attr{Name: "name", Value: k}, tree.Attr{Name: "content", Value: m.Meta[k]}))
	}
	return out
}

// metadataNode is a server component that runs the segments' metadata
// functions, outermost first, and renders the merged result.
func metadataNode(segs []At, r *http.Request) tree.Node {
	var funcs []MetadataFunc
	for _, s := range segs {
		if s.Metadata != nil {
			funcs = append(funcs, s.Metadata)
		}
	}
	if len(funcs) == 0 {
		return nil
	}
	return &tree.Component{Name: "metadata", Fn: func(ctx context.Context) (tree.Node, error) {
		var m Metadata
		for _, f := range funcs {
			d, err := f(ctx, r)
			if err != nil {
				return nil, err
			}
			m = m.merge(d)
		}
		return tree.Group(m.nodes()), nil
	}}
}
