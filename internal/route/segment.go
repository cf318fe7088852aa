// Package route is gorsc's router: the segment table (layouts, loading
// UI, error boundaries, not-found pages and metadata by path prefix, as
// the folders of a Next.js app directory), and the composition of a page
// with its segments into one tree — whole, or only what is below the
// deepest layout a client navigation keeps (a partial answer).
package route

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// PageFunc renders a page; see gorsc.PageFunc.
type PageFunc func(ctx context.Context, r *http.Request) (tree.Node, error)

// LayoutFunc renders a layout around children; see gorsc.LayoutFunc.
type LayoutFunc func(ctx context.Context, r *http.Request, children tree.Node) (tree.Node, error)

// MetadataFunc describes a segment's pages; see gorsc.Segment.
type MetadataFunc func(ctx context.Context, r *http.Request) (Metadata, error)

// Segment configures the pages under a path prefix; see gorsc.Segment.
type Segment struct {
	Layout   LayoutFunc
	Loading  PageFunc
	Error    PageFunc
	Metadata MetadataFunc
	NotFound PageFunc
	// Stylesheets are rendered beside the segment's content, inside its
	// layout and outside its Loading and Error UI (stylesheet links, see
	// gorsc.Segment.Stylesheets).
	Stylesheets []tree.Node
}

// At is a segment with the prefix it is registered at.
type At struct {
	Prefix string
	*Segment
}

// Table holds the segments of an app by prefix. The zero value is empty
// and ready to use; it is not safe for concurrent Add.
type Table struct {
	segments map[string]*Segment
}

// Add registers s at prefix ("/", "/docs", "/(shop)", "/notes/{id}").
// Registering a prefix twice merges the fields set.
func (t *Table) Add(prefix string, s Segment) {
	prefix = CleanPrefix(prefix)
	if t.segments == nil {
		t.segments = map[string]*Segment{}
	}
	old, ok := t.segments[prefix]
	if !ok {
		t.segments[prefix] = &s
		return
	}
	if s.Layout != nil {
		old.Layout = s.Layout
	}
	if s.Loading != nil {
		old.Loading = s.Loading
	}
	if s.Error != nil {
		old.Error = s.Error
	}
	if s.NotFound != nil {
		old.NotFound = s.NotFound
	}
	if s.Metadata != nil {
		old.Metadata = s.Metadata
	}
	old.Stylesheets = append(old.Stylesheets, s.Stylesheets...)
}

// ForPattern returns the segments that cover a page pattern, outermost
// first.
func (t *Table) ForPattern(pattern string) []At {
	return t.matching(pattern, func(seg, page string) bool { return seg == page })
}

// ForURL returns the segments whose prefix matches a request path
// (wildcards match any one path segment; groups never match URLs),
// outermost first.
func (t *Table) ForURL(path string) []At {
	return t.matching(path, func(seg, url string) bool {
		return !isGroup(seg) && (seg == url || isWildcard(seg))
	})
}

// matching returns the segments whose every path segment matches the
// corresponding segment of path, outermost first.
func (t *Table) matching(path string, match func(segment, pathSegment string) bool) []At {
	parts := pathSegments(path)
	var out []At
outer:
	for prefix, s := range t.segments {
		ps := pathSegments(prefix)
		if len(ps) > len(parts) {
			continue
		}
		for i := range ps {
			if !match(ps[i], parts[i]) {
				continue outer
			}
		}
		out = append(out, At{prefix, s})
	}
	sort.Slice(out, func(i, j int) bool { return len(pathSegments(out[i].Prefix)) < len(pathSegments(out[j].Prefix)) })
	return out
}

// CleanPrefix normalises a segment prefix: a leading "/", no trailing "/"
// (except the root) and no "{$}".
func CleanPrefix(p string) string {
	p = strings.TrimSuffix(p, "{$}")
	if p != "/" {
		p = strings.TrimSuffix(p, "/")
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

func pathSegments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func isGroup(seg string) bool {
	return len(seg) > 2 && seg[0] == '(' && seg[len(seg)-1] == ')'
}

func isWildcard(seg string) bool {
	return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// URLPattern removes route groups from a page pattern: "/(shop)/cart"
// becomes "/cart".
func URLPattern(pattern string) string {
	segs := pathSegments(pattern)
	out := segs[:0:0]
	for _, s := range segs {
		if !isGroup(s) {
			out = append(out, s)
		}
	}
	u := "/" + strings.Join(out, "/")
	if strings.HasSuffix(pattern, "/") && u != "/" {
		u += "/"
	}
	return u
}
