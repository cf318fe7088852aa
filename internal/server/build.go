package server

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/ssr"
)

// clientBuild is one build of the app's client code and what the server
// derives from it: the files it serves (assets.go), the tags that load
// the runtime (preload.go) and the engine that server-renders client
// components. A Server has one build at a time (Server.build); under
// "gorsc dev" a rebuild after an edit replaces it (dev.go). A render keeps
// the build it started with (pinned in its context by renderContext), so
// that the HTML, the Flight rows and the server rendering of one answer
// agree.
type clientBuild struct {
	assets *assets.Result
	ssr    *ssr.Engine // nil when off

	files     atomic.Pointer[files] // the bundle, ready to serve (assets.go)
	filesDone chan struct{}         // closed once files holds the compressed copies

	preloadRuntime, bootstrapScript string // the parts of head
	head                            string // tags written at the end of <head> of a page without client modules (headEnd)
}

// newClientBuild prepares r, server-rendered by engine (or nil), for
// serving.
func (s *Server) newClientBuild(r *assets.Result, engine *ssr.Engine) *clientBuild {
	b := &clientBuild{assets: r, ssr: engine}
	s.prepareAssets(b)
	var head strings.Builder
	for _, p := range r.Preload {
		fmt.Fprintf(&head, `<link rel="modulepreload" href="%s"/>`, p)
	}
	b.preloadRuntime = head.String()
	b.bootstrapScript = fmt.Sprintf(`<script type="module" src="%s" async=""%s></script>`, r.Bootstrap, routesAttr(s.cfg.Pages))
	b.head = b.preloadRuntime + b.bootstrapScript
	return b
}

// buildKey carries the build a render started with in its context.
type buildKey struct{}

// build returns the build the render of ctx started with, or the current
// one.
func (s *Server) build(ctx context.Context) *clientBuild {
	if b, ok := ctx.Value(buildKey{}).(*clientBuild); ok {
		return b
	}
	return s.cur.Load()
}
