package server

import (
	"encoding/json"
	"html"
	"strings"

	"github.com/gorsc/gorsc/internal/route"
)

// routesAttr returns the page patterns, as the mux sees them (route
// groups removed, "{$}" after a trailing slash), as a JSON array in a
// data-gorsc-routes attribute of the bootstrap script, which the browser
// runtime reads to answer useParams for any URL without asking the
// server (internal/runtime/nav.ts). (An element of its own in <head>
// made React's hydration of the document fail now and then.)
func routesAttr(pages []Page) string {
	list := make([]string, 0, len(pages))
	for _, p := range pages {
		pattern := route.URLPattern(p.Pattern)
		if strings.HasSuffix(pattern, "/") {
			pattern += "{$}"
		}
		list = append(list, pattern)
	}
	b, _ := json.Marshal(list)
	return ` data-gorsc-routes="` + html.EscapeString(string(b)) + `"`
}
