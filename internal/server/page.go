package server

import (
	"net/http"
	"strings"

	"github.com/gorsc/gorsc/internal/control"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/request"
	"github.com/gorsc/gorsc/internal/route"
)

// The page path: a GET (or HEAD) of a page's URL.
//
//	servePage → serveRoute: route (whole tree, or the part below the
//	deepest layout a client navigation keeps) → renderPage: render →
//	redirect / not-found / failure, else respond: a document (HTML with
//	inline Flight) or a Flight payload, streaming Suspense boundaries.

// servePage answers a request to a page's URL: GET and HEAD render it,
// POST calls a server action (action.go).
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, rt *route.Route) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		s.serveRoute(w, r, rt, http.StatusOK)
	case http.MethodPost:
		s.serveAction(w, r, rt)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// serveNotFound answers a URL that no page matches. A URL that only has
// a trailing slash too many ("/about/" for a page at "/about") is
// redirected to its canonical form with 308, as Next.js does.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.NotFound(w, r)
		return
	}
	if s.public.serve(w, r) {
		return
	}
	if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
		r2 := r.Clone(r.Context())
		r2.URL.Path = strings.TrimRight(p, "/")
		r2.URL.RawPath = ""
		if r2.URL.Path == "" {
			r2.URL.Path = "/"
		}
		if _, pattern := s.mux.Handler(r2); pattern != "/" && pattern != "" && !strings.HasPrefix(r2.URL.Path, "//") {
			target := r2.URL.EscapedPath()
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusPermanentRedirect)
			return
		}
	}
	s.serveNotFoundPage(w, r)
}

// serveNotFoundPage answers with the not-found UI of the nearest segment
// of the request's path, inside that segment's layouts, and 404.
func (s *Server) serveNotFoundPage(w http.ResponseWriter, r *http.Request) {
	s.serveRoute(w, r, route.NotFound(s.cfg.Segments.ForURL(r.URL.Path)), http.StatusNotFound)
}

// serveRoute renders rt: the whole tree, or for a client navigation that
// lists the slots it has mounted (protocol.Segments), only what changed
// below the deepest shared layout.
func (s *Server) serveRoute(w http.ResponseWriter, r *http.Request, rt *route.Route, status int) {
	page, slot := rt.Full, ""
	if isFlightRequest(r) {
		if id, partial := rt.Partial(r); partial != nil {
			page, slot = partial, id
		}
	}
	s.renderPage(w, r, page, slot, status)
}

// renderPage renders page and answers with it: as Flight for requests
// with the RSC header (only slot's children when slot is set), as a
// document otherwise. A page that redirects or is not found answers so;
// a failure before the shell answers 500 with a digest.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, page route.PageFunc, slot string, status int) {
	ctx, cancel := s.renderContext(r)
	defer cancel()
	// The answer depends on both headers: HTML or Flight, whole tree or
	// partial. (Added once, when a not-found page renders in its place.)
	varyOnce(w.Header(), protocol.Flight+", "+protocol.Segments)

	res, err := s.render(ctx, r, page)
	// No goroutine of the render outlives the request: cancel, then wait
	// (a component blocked without watching its context is abandoned).
	defer func() { cancel(); res.Wait() }()
	if rd, ok := control.AsRedirect(err); ok {
		cancel()
		s.redirect(w, r, rd, isFlightRequest(r), rd.Status)
		return
	}
	if control.IsNotFound(err) && status != http.StatusNotFound {
		cancel()
		res.Wait()
		s.serveNotFoundPage(w, r)
		return
	}
	if err != nil {
		cancel()
		s.fail(w, r, "render", err)
		return
	}
	if st := request.RenderFrom(ctx); st.NotFound.Load() {
		status = http.StatusNotFound // a page returned NotFound before the shell was sent
	} else if st.Unauthorized.Load() {
		status = http.StatusUnauthorized
	}

	out := s.newResponse(ctx, w, r)
	if isFlightRequest(r) {
		var root any = s.document(ctx, res.Root)
		if slot != "" {
			if root, err = route.PartialRoot(slot, res.Root); err != nil {
				cancel()
				s.fail(w, r, "render", err)
				return
			}
			w.Header().Set(protocol.Slot, slot)
		}
		err = out.flight(status, root)
	} else {
		err = out.document(status, s.document(ctx, res.Root))
	}
	if err != nil {
		cancel()
		s.fail(w, r, "render", err)
	}
}
