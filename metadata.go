package gorsc

import (
	"context"
	"net/http"
	"slices"

	"github.com/gorsc/gorsc/internal/tree"
)

// Metadata describes a page for the document's <head>: its title,
// description, canonical URL, Open Graph properties and other named
// <meta> tags. Segments set it with Segment.Metadata; the deepest segment
// that sets a field wins, and map entries merge the same way. gorsc
// writes it into <head> on the first load, and React updates the head on
// client navigation.
type Metadata struct {
	Title       string
	Description string
	// Canonical is the page's canonical URL (<link rel="canonical">).
	Canonical string
	// OpenGraph maps properties without the "og:" prefix ("title",
	// "image") to their content.
	OpenGraph map[string]string
	// Meta maps other <meta name=…> names to their content.
	Meta map[string]string
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
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// nodes renders the metadata as the hoistable elements React 19 moves into
// <head>: <title>, <meta>, <link>.
func (m Metadata) nodes() []Node {
	var out []Node
	if m.Title != "" {
		out = append(out, tree.El("title", tree.Text(m.Title)))
	}
	if m.Description != "" {
		out = append(out, tree.El("meta", tree.Attr{Name: "name", Value: "description"}, tree.Attr{Name: "content", Value: m.Description}))
	}
	if m.Canonical != "" {
		out = append(out, tree.El("link", tree.Attr{Name: "rel", Value: "canonical"}, tree.Attr{Name: "href", Value: m.Canonical}))
	}
	for _, k := range sortedStringKeys(m.OpenGraph) {
		out = append(out, tree.El("meta", tree.Attr{Name: "property", Value: "og:" + k}, tree.Attr{Name: "content", Value: m.OpenGraph[k]}))
	}
	for _, k := range sortedStringKeys(m.Meta) {
		out = append(out, tree.El("meta", tree.Attr{Name: "name", Value: k}, tree.Attr{Name: "content", Value: m.Meta[k]}))
	}
	return out
}

func sortedStringKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// metadataNode is a server component that runs the segments' metadata
// functions, outermost first, and renders the merged result.
func metadataNode(segs []segmentAt, r *http.Request) Node {
	var funcs []func(context.Context, *http.Request) (Metadata, error)
	for _, s := range segs {
		if s.Metadata != nil {
			funcs = append(funcs, s.Metadata)
		}
	}
	if len(funcs) == 0 {
		return nil
	}
	return &tree.Component{Name: "metadata", Fn: func(ctx context.Context) (Node, error) {
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
