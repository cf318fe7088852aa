package server

import (
	"encoding/json"
	"html"
	"net/http"
	"strings"

	"github.com/gorsc/gorsc/internal/route"
)

// pagePatterns lists the page patterns as the mux sees them (route groups
// removed, "{$}" after a trailing slash): what the browser runtime matches
// a path against to answer useParams (internal/runtime/nav.ts).
func pagePatterns(pages []Page) []string {
	list := make([]string, 0, len(pages))
	for _, p := range pages {
		pattern := route.URLPattern(p.Pattern)
		if strings.HasSuffix(pattern, "/") {
			pattern += "{$}"
		}
		list = append(list, pattern)
	}
	return list
}

// routesAttr returns the page patterns as a JSON array in a
// data-gorsc-routes attribute of the bootstrap script, so that useParams
// answers for any URL without asking the server. (An element of its own
// in <head> made React's hydration of the document fail now and then.)
func routesAttr(pages []Page) string {
	b, _ := json.Marshal(pagePatterns(pages))
	return ` data-gorsc-routes="` + html.EscapeString(string(b)) + `"`
}

// location is the page's URL for client components rendered on the
// server (ssr.Request.Location): what location.pathname and
// location.search are in the browser, and the page patterns, so that
// gorsc/client's hooks render the same on both sides.
func (s *Server) location(r *http.Request) []byte {
	search := ""
	if r.URL.RawQuery != "" {
		search = "?" + r.URL.RawQuery
	}
	b, _ := json.Marshal(struct {
		Pathname string   `json:"pathname"`
		Search   string   `json:"search"`
		Routes   []string `json:"routes"`
	}{r.URL.EscapedPath(), search, pagePatterns(s.cfg.Pages)})
	return b
}
