package server

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gorsc/gorsc/internal/flight"
)

// pageResolver is the resolver of one response. It also records, in
// first-use order, the client modules the Flight encoder resolves, so the
// document's <head> can preload their chunks (headEnd).
type pageResolver struct {
	resolver
	used []string // module paths, as in assets.Result.Modules
}

func (r *pageResolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	m, err := r.resolver.ClientModule(module, export)
	if err == nil && !slices.Contains(r.used, module) {
		r.used = append(r.used, module)
	}
	return m, err
}

// headEnd returns the tags written at the end of a document's <head>:
// <link rel="modulepreload"> for the runtime's chunks, then for the
// chunks and entries of the client modules the shell uses (modules, as
// recorded by pageResolver), then the bootstrap module script. The browser
// fetches them all in parallel with the runtime, instead of learning the
// client modules only once the runtime has run (a second round trip).
// These are the tags React's own preloads (ReactDOM.preloadModule) write:
// hydration ignores them.
func (cb *clientBuild) headEnd(modules []string) string {
	if len(modules) == 0 {
		return cb.head
	}
	seen := map[string]bool{}
	for _, p := range cb.assets.Preload {
		seen[p] = true
	}
	var b strings.Builder
	b.WriteString(cb.preloadRuntime)
	add := func(url string) {
		if !seen[url] {
			seen[url] = true
			fmt.Fprintf(&b, `<link rel="modulepreload" href="%s"/>`, url)
		}
	}
	for _, name := range modules {
		m := cb.assets.Modules[name]
		for _, url := range m.Imports {
			add(url)
		}
		add(m.URL)
	}
	b.WriteString(cb.bootstrapScript)
	return b.String()
}
