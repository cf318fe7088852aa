package route

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gorsc/gorsc/internal/control"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/request"
	"github.com/gorsc/gorsc/internal/runtime"
	"github.com/gorsc/gorsc/internal/tree"
)

// Route is a page composed with its segments. It renders the whole tree,
// or, for a client navigation from a page that shares some of its
// layouts, only what goes inside the deepest shared layout.
type Route struct {
	name     string
	segs     []At
	page     PageFunc
	notFound PageFunc
}

// New composes page with segs (outermost first), under name (used in
// error messages: "page /todos/{id}").
func New(name string, segs []At, page PageFunc) *Route {
	return &Route{name: name, segs: segs, page: page, notFound: nearestNotFound(segs)}
}

// NotFound is the not-found page of the deepest of segs that has one
// (the built-in one otherwise), inside segs' layouts.
func NotFound(segs []At) *Route { return New("not-found", segs, nearestNotFound(segs)) }

// Unauthorized is the unauthorized message inside segs' layouts.
func Unauthorized(segs []At) *Route {
	return New("unauthorized", segs, func(ctx context.Context, r *http.Request) (tree.Node, error) {
		return UnauthorizedContent(), nil
	})
}

func nearestNotFound(segs []At) PageFunc {
	nf := defaultNotFound
	for _, s := range segs {
		if s.NotFound != nil {
			nf = s.NotFound
		}
	}
	return nf
}

func defaultNotFound(ctx context.Context, r *http.Request) (tree.Node, error) {
	return tree.El("h1", tree.Text("404: This page could not be found.")), nil
}

// UnauthorizedContent is what a page or action that returned Unauthorized
// shows in place of the page.
func UnauthorizedContent() tree.Node {
	return tree.El("h1", tree.Text("401: You are not allowed to do this."))
}

// Full renders the whole tree: from the inside out, the page (falling
// back to the nearest not-found UI), the Suspense boundary of Loading,
// the error boundary of Error, and the Layout, for each segment from the
// innermost to the root. A layout's children go inside a Slot named after
// the segment instance, which a partial answer can fill.
func (rt *Route) Full(ctx context.Context, r *http.Request) (tree.Node, error) {
	return rt.build(r, -1), nil
}

// build composes the tree; with from >= 0 it stops at the children of
// segment from's layout.
func (rt *Route) build(r *http.Request, from int) tree.Node {
	page, notFound := rt.page, rt.notFound
	var content tree.Node = &tree.Component{Name: rt.name, Fn: func(ctx context.Context) (tree.Node, error) {
		n, err := page(ctx, r)
		if control.IsNotFound(err) {
			if st := request.RenderFrom(ctx); st != nil {
				st.NotFound.Store(true)
			}
			return notFound(ctx, r)
		}
		if control.IsUnauthorized(err) {
			if st := request.RenderFrom(ctx); st != nil {
				st.Unauthorized.Store(true)
			}
			return UnauthorizedContent(), nil
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
				Fallback: &tree.Component{Name: "loading " + s.Prefix, Fn: func(ctx context.Context) (tree.Node, error) { return loading(ctx, r) }},
				Children: []tree.Node{content},
			}
		}
		if s.Error != nil {
			errPage := s.Error
			content = runtime.ErrorBoundary(&tree.Component{Name: "error " + s.Prefix, Fn: func(ctx context.Context) (tree.Node, error) { return errPage(ctx, r) }}, "Retry", content)
		}
		if len(s.Stylesheets) > 0 {
			content = append(tree.Group(slices.Clone(s.Stylesheets)), content)
		}
		if i == from {
			return content
		}
		if s.Layout != nil {
			content = runtime.Slot(SegmentID(s.Prefix, r), content)
		}
		if i == 0 {
			// The metadata goes first inside the root layout's children,
			// outside any Loading boundary or segment slot; React hoists
			// it into <head>. Its own slot lets partial answers replace
			// it.
			content = tree.Group{runtime.Slot(metadataSlot, metadataNode(rt.segs, r)), content}
		}
		if s.Layout != nil {
			layout, children := s.Layout, content
			content = &tree.Component{Name: "layout " + s.Prefix, Fn: func(ctx context.Context) (tree.Node, error) { return layout(ctx, r, children) }}
		}
	}
	return content
}

// Partial returns the page function of a partial answer to r, and the
// slot it fills: the children of the deepest layout of this route whose
// slot, and every slot above it, the client router says it has mounted
// (protocol.Segments). It returns "" and nil when the whole tree must be
// sent: no header, or no shared layout. Its page returns a tree.Group of
// the metadata and the slot's children, each in a group of its own; see
// PartialRoot.
//
// The header only selects how much to render. It is not trusted for
// anything else: middleware and the page run as for any request, but the
// layouts above the slot do not.
func (rt *Route) Partial(r *http.Request) (string, PageFunc) {
	mounted := mountedSlots(r)
	if len(mounted) == 0 {
		return "", nil
	}
	from, id := -1, ""
	for i, s := range rt.segs {
		if s.Layout == nil {
			continue
		}
		sid := SegmentID(s.Prefix, r)
		if _, ok := mounted[sid]; !ok {
			break
		}
		from, id = i, sid
	}
	if from < 0 {
		return "", nil
	}
	return id, func(ctx context.Context, r *http.Request) (tree.Node, error) {
		// Each part in a group of its own, so that neither disappears
		// when it renders nothing (see PartialRoot).
		return tree.Group{tree.Group{metadataNode(rt.segs, r)}, tree.Group{rt.build(r, from)}}, nil
	}
}

// PartialRoot is the Flight root of a partial answer, from the rendered
// result of Partial's page function: {slot, metadata, children}.
func PartialRoot(slot string, root tree.Node) (flight.Object, error) {
	g, ok := root.(tree.Group)
	if !ok || len(g) != 2 {
		return nil, fmt.Errorf("gorsc: partial render of slot %s returned %T", slot, root)
	}
	unwrap := func(n tree.Node) tree.Node {
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

// maxMountedSlots bounds the slot ids read from the Segments header.
const maxMountedSlots = 64

func mountedSlots(r *http.Request) map[string]struct{} {
	var out map[string]struct{}
	for _, v := range r.Header.Values(protocol.Segments) {
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

// metadataSlot is the id of the slot that holds the merged metadata.
const metadataSlot = "@metadata"

// SegmentID names an instance of the segment at prefix for the request:
// the prefix with each wildcard replaced by its value from the URL, in
// braces ("/notes/{id}" at /notes/1 is "/notes/{1}"), so that pages with
// other values do not share it. Everything outside ASCII letters, digits
// and a few path characters is percent-escaped, so ids fit a header and
// never hold a comma.
func SegmentID(prefix string, r *http.Request) string {
	url := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	var b strings.Builder
	u := 0
	for _, seg := range pathSegments(prefix) {
		b.WriteByte('/')
		switch {
		case isGroup(seg):
			escapeID(&b, seg)
		case isWildcard(seg):
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
