package gorsc

import (
	"context"
	"net/http"

	"github.com/gorsc/gorsc/internal/route"
)

// PageFunc renders a page. Path parameters of the page's pattern are read
// with r.PathValue, as with http.ServeMux. Returning [Redirect],
// [NotFound] or [Unauthorized] answers so; any other error fails the
// render (a 500 page with a digest, or the nearest Segment.Error).
type PageFunc func(ctx context.Context, r *http.Request) (Node, error)

// LayoutFunc renders a layout around children (the page, or a nested
// segment's layout). The root layout renders the <html> element and puts
// children where the page goes.
type LayoutFunc func(ctx context.Context, r *http.Request, children Node) (Node, error)

// MetadataFunc describes a segment's pages for <head>.
type MetadataFunc func(ctx context.Context, r *http.Request) (Metadata, error)

// Segment configures the pages under a path prefix, as a folder of a
// Next.js app directory does: their layout, and what to show while they
// load, when they fail, and when they are not found. Every field is
// optional. Register one with [App.Segment].
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
	// show it immediately (Next.js's loading.js).
	Loading PageFunc
	// Error is shown in place of the segment's content when rendering it
	// fails (an error boundary, with a Retry button that renders the page
	// again; Next.js's error.js). Its error UI carries the digest of the
	// logged error.
	Error PageFunc
	// Metadata describes the segment's pages for <head> (title,
	// description, …); deeper segments override the fields they set. A
	// segment registered at a page's own pattern gives that page its
	// metadata.
	Metadata MetadataFunc
	// NotFound is shown with status 404 in place of a page below the
	// segment that returns [NotFound], and for URLs below the segment
	// that no page matches (Next.js's not-found.js). When the page
	// streams behind a Loading boundary and returns NotFound after the
	// shell was sent, the UI still replaces the page but the status stays
	// 200, as in Next.js.
	NotFound PageFunc
	// Stylesheets are paths, relative to App.Dir, of stylesheets that the
	// segment's pages load (see [Stylesheet]): linked inside the
	// segment's layout, beside its content, so that they load with the
	// layout and apply on the first paint. Registering the prefix again
	// adds to them. App.Prepare fails for a path the build lacks.
	Stylesheets []string
}

func (s Segment) internal() route.Segment {
	out := route.Segment{
		Layout:   route.LayoutFunc(s.Layout),
		Loading:  route.PageFunc(s.Loading),
		Error:    route.PageFunc(s.Error),
		NotFound: route.PageFunc(s.NotFound),
	}
	if f := s.Metadata; f != nil {
		out.Metadata = func(ctx context.Context, r *http.Request) (route.Metadata, error) {
			m, err := f(ctx, r)
			return route.Metadata(m), err
		}
	}
	return out
}

// Metadata describes a page for the document's <head>: its title,
// description, canonical URL, Open Graph properties and other named
// <meta> tags (Next.js's metadata object). Segments set it with
// Segment.Metadata; the deepest segment that sets a field wins, and map
// entries merge the same way. gorsc writes it into <head> on the first
// load, and React updates the head on client navigation.
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
