package gorsc

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/tree"
)

// Segment configures the pages under a path prefix, as a folder of a
// Next.js app directory does: their layout, and what to show while they
// load, when they fail, and when they are not found. Every field is
// optional.
type Segment struct {
	// Layout wraps the segment's pages (and nested segments). It keeps its
	// client state across navigations between those pages.
	Layout LayoutFunc
	// Loading is shown at once while the segment's page renders: the page
	// is wrapped in a Suspense boundary with this as its fallback, so the
	// shell streams without waiting for the page, and client navigations
	// show it immediately.
	Loading PageFunc
	// Error is shown in place of the segment's content when rendering it
	// fails (an error boundary, with a Retry button that renders the page
	// again). Its error UI carries the digest of the logged error.
	Error PageFunc
	// Metadata describes the segment's pages for <head> (title,
	// description, …); deeper segments override the fields they set. A
	// segment registered at a page's own pattern gives that page its
	// metadata.
	Metadata func(ctx context.Context, r *http.Request) (Metadata, error)
	// NotFound is shown with status 404 in place of a page below the
	// segment that returns gorsc.NotFound(), and for URLs below the
	// segment that no page matches. When the page streams behind a
	// Loading boundary and returns NotFound after the shell was sent, the
	// UI still replaces the page but the status stays 200, as in Next.js.
	NotFound PageFunc
}

// Segment registers s for the pages whose pattern starts with prefix, in
// whole path segments ("/docs" covers "/docs" and "/docs/{slug}", not
// "/docsy"). "/" is the root segment; its layout renders <html>. A path
// segment in parentheses, like "/(shop)", groups pages under a shared
// segment without appearing in their URLs: a page registered as
// "/(shop)/cart" answers "/cart". Registering a prefix twice merges the
// fields set.
func (a *App) Segment(prefix string, s Segment) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.mux != nil {
		panic("gorsc: Segment(" + prefix + ") called after the app started serving")
	}
	prefix = cleanPrefix(prefix)
	if a.segments == nil {
		a.segments = map[string]*Segment{}
	}
	old, ok := a.segments[prefix]
	if !ok {
		a.segments[prefix] = &s
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
}

func cleanPrefix(p string) string {
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

// urlPattern removes route groups from a page pattern: "/(shop)/cart"
// becomes "/cart".
func urlPattern(pattern string) string {
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

type segmentAt struct {
	prefix string
	*Segment
}

// segmentsFor returns the segments that cover a page pattern, outermost
// first. Call with a.mu held.
func (a *App) segmentsFor(pattern string) []segmentAt {
	page := pathSegments(pattern)
	var out []segmentAt
	for prefix, s := range a.segments {
		ps := pathSegments(prefix)
		if len(ps) > len(page) {
			continue
		}
		match := true
		for i := range ps {
			if ps[i] != page[i] {
				match = false
				break
			}
		}
		if match {
			out = append(out, segmentAt{prefix, s})
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(pathSegments(out[i].prefix)) < len(pathSegments(out[j].prefix)) })
	return out
}

// segmentsForURL returns the segments whose prefix matches a request path
// (wildcards match any one path segment; groups never match URLs),
// outermost first. Call with a.mu held.
func (a *App) segmentsForURL(path string) []segmentAt {
	url := pathSegments(path)
	var out []segmentAt
	for prefix, s := range a.segments {
		ps := pathSegments(prefix)
		if len(ps) > len(url) {
			continue
		}
		match := true
		for i := range ps {
			if isGroup(ps[i]) || !(ps[i] == url[i] || strings.HasPrefix(ps[i], "{") && strings.HasSuffix(ps[i], "}")) {
				match = false
				break
			}
		}
		if match {
			out = append(out, segmentAt{prefix, s})
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(pathSegments(out[i].prefix)) < len(pathSegments(out[j].prefix)) })
	return out
}

// requestState is what a render learns about the response while it runs.
type requestState struct {
	notFound atomic.Bool // a page returned NotFound and its not-found UI was rendered
}

type requestStateKey struct{}

func withRequestState(ctx context.Context) (context.Context, *requestState) {
	s := &requestState{}
	return context.WithValue(ctx, requestStateKey{}, s), s
}

func requestStateFrom(ctx context.Context) *requestState {
	s, _ := ctx.Value(requestStateKey{}).(*requestState)
	return s
}

// compose wraps a page in its segments: from the inside out, the page
// (falling back to the nearest not-found UI), the Suspense boundary of
// Loading, the error boundary of Error, and the Layout, for each segment
// from the innermost to the root.
func compose(name string, segs []segmentAt, page PageFunc) PageFunc {
	var notFound PageFunc = defaultNotFound
	for _, s := range segs {
		if s.NotFound != nil {
			notFound = s.NotFound
		}
	}
	return func(ctx context.Context, r *http.Request) (Node, error) {
		var content Node = &tree.Component{Name: name, Fn: func(ctx context.Context) (Node, error) {
			n, err := page(ctx, r)
			if isNotFound(err) {
				if st := requestStateFrom(ctx); st != nil {
					st.notFound.Store(true)
				}
				return notFound(ctx, r)
			}
			return n, err
		}}
		for i := len(segs) - 1; i >= 0; i-- {
			s := segs[i]
			if s.Loading != nil {
				loading := s.Loading
				// Keyed by the URL, so a navigation to another page of the
				// segment mounts a new boundary and shows Loading at once, as
				// Next does, instead of keeping the old page during the
				// transition.
				key := r.URL.Path
				content = &tree.Suspense{
					Key:      &key,
					Fallback: &tree.Component{Name: "loading " + s.prefix, Fn: func(ctx context.Context) (Node, error) { return loading(ctx, r) }},
					Children: []Node{content},
				}
			}
			if s.Error != nil {
				errPage := s.Error
				content = errorBoundary(&tree.Component{Name: "error " + s.prefix, Fn: func(ctx context.Context) (Node, error) { return errPage(ctx, r) }}, "Retry", content)
			}
			if i == 0 {
				// The metadata goes first inside the root layout's children,
				// outside any Loading boundary; React hoists it into <head>.
				if meta := metadataNode(segs, r); meta != nil {
					content = tree.Group{meta, content}
				}
			}
			if s.Layout != nil {
				layout, children := s.Layout, content
				content = &tree.Component{Name: "layout " + s.prefix, Fn: func(ctx context.Context) (Node, error) { return layout(ctx, r, children) }}
			}
		}
		return content, nil
	}
}
