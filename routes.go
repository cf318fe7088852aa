package gorsc

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
)

// Segment configures the pages under a path prefix, as a folder of a
// Next.js app directory does: their layout, and what to show while they
// load, when they fail, and when they are not found. Every field is
// optional.
type Segment struct {
	// Layout wraps the segment's pages (and nested segments). It keeps its
	// client state across navigations between those pages, and a client
	// navigation between two of them does not call it again: the server
	// renders only below the deepest layout the two pages share. So a
	// layout is no place for access checks (a request can ask to skip
	// it); check in middleware or in the page, as in Next.js.
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
	return a.segmentsMatching(pattern, func(seg, page string) bool { return seg == page })
}

// segmentsForURL returns the segments whose prefix matches a request path
// (wildcards match any one path segment; groups never match URLs),
// outermost first. Call with a.mu held.
func (a *App) segmentsForURL(path string) []segmentAt {
	return a.segmentsMatching(path, func(seg, url string) bool {
		return !isGroup(seg) && (seg == url || strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"))
	})
}

// segmentsMatching returns the segments whose every path segment matches
// the corresponding segment of path, outermost first.
func (a *App) segmentsMatching(path string, match func(segment, pathSegment string) bool) []segmentAt {
	parts := pathSegments(path)
	var out []segmentAt
outer:
	for prefix, s := range a.segments {
		ps := pathSegments(prefix)
		if len(ps) > len(parts) {
			continue
		}
		for i := range ps {
			if !match(ps[i], parts[i]) {
				continue outer
			}
		}
		out = append(out, segmentAt{prefix, s})
	}
	sort.Slice(out, func(i, j int) bool { return len(pathSegments(out[i].prefix)) < len(pathSegments(out[j].prefix)) })
	return out
}

// requestState is what a render learns about the response while it runs.
type requestState struct {
	notFound     atomic.Bool // a page returned NotFound and its not-found UI was rendered
	unauthorized atomic.Bool // a page returned Unauthorized and its UI was rendered
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

// compose wraps a page in its segments (see route.build) and returns the
// whole tree's page function.
func compose(name string, segs []segmentAt, page PageFunc) PageFunc {
	return newRoute(name, segs, page).full
}

// route is a page composed with its segments. It renders the whole tree,
// or, for a client navigation from a page that shares some of its
// layouts, only what goes inside the deepest shared layout.
type route struct {
	name     string
	segs     []segmentAt
	page     PageFunc
	notFound PageFunc
}

func newRoute(name string, segs []segmentAt, page PageFunc) *route {
	rt := &route{name: name, segs: segs, page: page, notFound: defaultNotFound}
	for _, s := range segs {
		if s.NotFound != nil {
			rt.notFound = s.NotFound
		}
	}
	return rt
}

// full renders the whole tree: from the inside out, the page (falling
// back to the nearest not-found UI), the Suspense boundary of Loading,
// the error boundary of Error, and the Layout, for each segment from the
// innermost to the root. A layout's children go inside a Slot named after
// the segment instance, which a partial response can fill.
func (rt *route) full(ctx context.Context, r *http.Request) (Node, error) {
	return rt.build(r, -1), nil
}

// build composes the tree; with from >= 0 it stops at the children of
// segment from's layout.
func (rt *route) build(r *http.Request, from int) Node {
	page, notFound := rt.page, rt.notFound
	var content Node = &tree.Component{Name: rt.name, Fn: func(ctx context.Context) (Node, error) {
		n, err := page(ctx, r)
		if isNotFound(err) {
			if st := requestStateFrom(ctx); st != nil {
				st.notFound.Store(true)
			}
			return notFound(ctx, r)
		}
		if isUnauthorized(err) {
			if st := requestStateFrom(ctx); st != nil {
				st.unauthorized.Store(true)
			}
			return unauthorizedContent(), nil
		}
		return n, err
	}}
	for i := len(rt.segs) - 1; i >= 0; i-- {
		s := rt.segs[i]
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
		if i == from {
			return content
		}
		if s.Layout != nil {
			content = slot(segmentID(s.prefix, r), content)
		}
		if i == 0 {
			// The metadata goes first inside the root layout's children,
			// outside any Loading boundary or segment slot; React hoists
			// it into <head>. Its own slot lets partial responses replace
			// it.
			content = tree.Group{slot(metadataSlot, metadataNode(rt.segs, r)), content}
		}
		if s.Layout != nil {
			layout, children := s.Layout, content
			content = &tree.Component{Name: "layout " + s.prefix, Fn: func(ctx context.Context) (Node, error) { return layout(ctx, r, children) }}
		}
	}
	return content
}

// partial returns the page function of a partial response to r, and the
// slot it fills: the children of the deepest layout of this route whose
// slot, and every slot above it, the client router says it has mounted
// (SegmentsHeader). It returns "" when the whole tree must be sent: not
// a Flight request, no header, or no shared layout.
//
// The header only selects how much to render. It is not trusted for
// anything else: middleware and the page run as for any request, but the
// layouts above the slot do not.
func (rt *route) partial(r *http.Request) (string, PageFunc) {
	if !isFlightRequest(r) {
		return "", nil
	}
	return rt.partialFor(r)
}

// partialFor is partial for any request that lists its mounted slots: a
// navigation, or an action call whose answer re-renders the page.
func (rt *route) partialFor(r *http.Request) (string, PageFunc) {
	mounted := mountedSlots(r)
	if len(mounted) == 0 {
		return "", nil
	}
	from, id := -1, ""
	for i, s := range rt.segs {
		if s.Layout == nil {
			continue
		}
		sid := segmentID(s.prefix, r)
		if _, ok := mounted[sid]; !ok {
			break
		}
		from, id = i, sid
	}
	if from < 0 {
		return "", nil
	}
	return id, func(ctx context.Context, r *http.Request) (Node, error) {
		// Each part in a group of its own, so that neither disappears
		// when it renders nothing (see partialRoot).
		return tree.Group{tree.Group{metadataNode(rt.segs, r)}, tree.Group{rt.build(r, from)}}, nil
	}
}

// maxMountedSlots bounds the slot ids read from SegmentsHeader.
const maxMountedSlots = 64

func mountedSlots(r *http.Request) map[string]struct{} {
	var out map[string]struct{}
	for _, v := range r.Header.Values(SegmentsHeader) {
		for id := range strings.SplitSeq(v, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			if out == nil {
				out = map[string]struct{}{}
			}
			if len(out) == maxMountedSlots {
				return out
			}
			out[id] = struct{}{}
		}
	}
	return out
}

// partialRoot is the Flight root of a partial response, from the rendered
// result of partial's page function: {slot, metadata, children}.
func partialRoot(slot string, root Node) (flight.Object, error) {
	g, ok := root.(tree.Group)
	if !ok || len(g) != 2 {
		return nil, fmt.Errorf("gorsc: partial render of slot %s returned %T", slot, root)
	}
	unwrap := func(n Node) Node {
		if g, ok := n.(tree.Group); ok && len(g) == 1 {
			return g[0]
		}
		return nil
	}
	return flight.Object{
		{Key: "slot", Value: slot},
		{Key: "metadata", Value: unwrap(g[0])},
		{Key: "children", Value: unwrap(g[1])},
	}, nil
}

// SegmentsHeader is the request header in which the client router lists
// the segment slots it has mounted (comma-separated ids), so that a
// navigation's Flight response renders only what changed.
const SegmentsHeader = "Gorsc-Segments"

// SlotHeader is the response header of a partial Flight response: the id
// of the slot whose children it carries.
const SlotHeader = "Gorsc-Slot"

// metadataSlot is the id of the slot that holds the merged metadata.
const metadataSlot = "@metadata"

// slot wraps children in the runtime's Slot component, keyed by id:
// transparent in HTML, and the place where a partial response puts a
// segment's new children on the client.
func slot(id string, children Node) Node {
	props := map[string]any{"id": id}
	if children != nil {
		props["children"] = children
	}
	key := id
	return &tree.ClientRef{Module: "gorsc:segment.tsx", Export: "Slot", Key: &key, Props: props, HTML: slotHTML}
}

func slotHTML(props map[string]any) Node {
	if n := childNode(props); n != nil {
		return n
	}
	return tree.Group{} // not nil: Go writes the (empty) HTML, nothing is client-rendered
}

// segmentID names an instance of the segment at prefix for the request:
// the prefix with each wildcard replaced by its value from the URL, in
// braces ("/notes/{id}" at /notes/1 is "/notes/{1}"), so that pages with
// other values do not share it. Everything outside ASCII letters, digits
// and a few path characters is percent-escaped, so ids fit a header and
// never hold a comma.
func segmentID(prefix string, r *http.Request) string {
	url := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	var b strings.Builder
	u := 0
	for _, seg := range pathSegments(prefix) {
		b.WriteByte('/')
		switch {
		case isGroup(seg):
			escapeID(&b, seg)
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			b.WriteByte('{')
			if strings.HasSuffix(seg, "...}") {
				if u < len(url) {
					escapeID(&b, strings.Join(url[u:], "/"))
				}
				u = len(url)
			} else if u < len(url) {
				escapeID(&b, url[u])
				u++
			}
			b.WriteByte('}')
		default:
			escapeID(&b, seg)
			u++
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

func escapeID(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!$&'()*+;=:@%", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}
