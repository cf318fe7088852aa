package server

import (
	"encoding/json"
	"strings"

	"github.com/gorsc/gorsc/internal/route"
)

// routesScript returns the page patterns, as the mux sees them (route
// groups removed, "{$}" after a trailing slash), in a JSON script element
// that the browser runtime reads to answer useParams for any URL without
// asking the server (internal/runtime/nav.ts).
func routesScript(pages []Page) string {
	list := make([]string, 0, len(pages))
	for _, p := range pages {
		pattern := route.URLPattern(p.Pattern)
		if strings.HasSuffix(pattern, "/") {
			pattern += "{$}"
		}
		list = append(list, pattern)
	}
	b, _ := json.Marshal(list) // escapes <, > and & as \u003c…: safe in a <script>
	return `<script type="application/json" id="__gorsc_routes">` + string(b) + `</script>`
}
