// Package server is gorsc's HTTP side: the mux of an app, the page path
// (page.go: route → render → respond), the action path (action.go:
// decode → call → revalidate → respond) and the response writer both
// share (respond.go). The client build it serves — files, module table,
// stylesheets, server renderer — is one value (build.go) that each render
// keeps from start to end; under "gorsc dev" the app builds it again
// after an edit and swaps it in (dev.go). Package gorsc collects the app's
// configuration and registrations and hands them to New.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/compress"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/request"
	"github.com/gorsc/gorsc/internal/route"
	"github.com/gorsc/gorsc/internal/ssr"
	"github.com/gorsc/gorsc/internal/tree"
)

// Config is everything an app registered and configured; see gorsc.App
// for the meaning of each field.
type Config struct {
	Dir            string
	Assets         fs.FS
	Secret         []byte
	MaxActionBytes int64
	MaxFileBytes   int64
	MaxBodies      int
	TrustedOrigins []string
	Dev            bool
	Logger         *slog.Logger
	RenderTimeout  time.Duration
	MaxConcurrency int
	SSR            SSR
	// DisableCompression sends every answer and asset as is (App.DisableCompression).
	DisableCompression bool
	// InlineAllRows writes every Flight row into documents
	// (App.InlineAllRows): no rows rebuilt from the HTML (internal/domrows).
	InlineAllRows bool
	// Cache keeps the values of cached functions; nil means a memory
	// cache with the default budget.
	Cache *cache.Cache

	Pages      []Page
	Handlers   []Handler
	Segments   *route.Table
	Middleware []func(http.Handler) http.Handler

	// ActionRef unwraps the server actions found in trees (gorsc's
	// *ServerAction) into their references.
	ActionRef func(tree.ActionRef) (*action.Ref, bool)
	// Stylesheets are the paths of the app's global stylesheets, linked
	// first in every document's <head> (styles.go).
	Stylesheets []string
	// DevServer is set when the app runs under "gorsc dev" (GORSC_DEV=1):
	// it then bundles its client code incrementally and builds it again
	// when the development server asks (dev.go).
	DevServer bool
}

// SSR configures the server rendering of client components (gorsc.App.SSR).
type SSR struct {
	Disabled bool
	VMs      int           // ssr.Options.Size
	Budget   time.Duration // ssr.Options.Budget
	// CodeCache is ssr.Options.CodeCache (set under "gorsc dev").
	CodeCache string
}

// Page is a page registered at Pattern (http.ServeMux syntax, no method).
type Page struct {
	Pattern string
	Page    route.PageFunc
	// Cache, when set, makes the page cacheable (pagecache.go); see
	// PageCacheDef.
	Cache *cache.Def
}

// Handler is a plain handler registered at Pattern.
type Handler struct {
	Pattern string
	Handler http.Handler
}

// Server serves one app. It is immutable once made, and safe for
// concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	cur     atomic.Pointer[clientBuild] // the client code as built (build.go)
	actions *action.Table
	cop     *http.CrossOriginProtection
	mux     *http.ServeMux
	bodies  chan struct{} // a slot per action body being read
	public  *publicFiles  // nil without a public/ folder
	handler http.Handler
	zip     *compress.Compressor // nil with DisableCompression
	// zipCache keeps the compressed copies of cached pages (pagecache.go).
	zipCache compress.Cache
	dev      *devState // under "gorsc dev" only (dev.go)
}

// New bundles the client code (or loads cfg.Assets), derives the action
// keys and builds the mux. Its errors are the app's start-up errors: a
// build error with file and line, prebuilt assets that do not fit, a bad
// trusted origin.
func New(cfg Config) (*Server, error) {
	s := &Server{cfg: cfg, log: cfg.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}
	if cfg.Dev {
		s.log = devLogger(s.log) // panics' stacks as lines of their own (devlog.go)
	}
	if cfg.Segments == nil {
		s.cfg.Segments = &route.Table{}
	}
	if cfg.Cache == nil {
		s.cfg.Cache = cache.NewMemory(cache.Options{Logger: s.log})
	}
	if cfg.DevServer {
		if err := s.startDev(); err != nil { // before the assets: it bundles them
			return nil, err
		}
	}
	built, err := s.loadAssets()
	if err != nil {
		s.Close()
		return nil, err
	}
	s.public = newPublicFiles(s.cfg)
	engine, err := s.startSSR(built)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.cur.Store(s.newClientBuild(built, engine))
	if !s.cfg.DisableCompression {
		s.zip = compress.New(nil)
	}
	s.actions = action.NewTable(s.secret())
	if cfg.MaxBodies <= 0 {
		s.cfg.MaxBodies = 64
	}
	s.bodies = make(chan struct{}, s.cfg.MaxBodies)
	s.cop = http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := s.cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("gorsc: TrustedOrigins: %w", err)
		}
	}
	s.mux = s.newMux()
	var h http.Handler = s.mux
	for i := len(cfg.Middleware) - 1; i >= 0; i-- {
		h = cfg.Middleware[i](h)
	}
	s.handler = h
	if s.dev != nil {
		s.dev.started()
	}
	return s, nil
}

// mux routes the asset prefix, the plain handlers, the pages (GET and
// HEAD render, POST calls actions) and everything else to the nearest
// not-found page.
func (s *Server) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+protocol.AssetPrefix, s.serveAsset)
	for _, h := range s.cfg.Handlers {
		mux.Handle(h.Pattern, s.withCache(h.Handler))
	}
	hasRoot := false
	for _, p := range s.cfg.Pages {
		pattern := route.URLPattern(p.Pattern)
		if strings.HasSuffix(pattern, "/") {
			pattern += "{$}"
		}
		hasRoot = hasRoot || pattern == "/{$}"
		rt := route.New("page "+p.Pattern, s.cfg.Segments.ForPattern(p.Pattern), p.Page)
		if d := p.Cache; d != nil {
			wildcards := Wildcards(pattern)
			mux.HandleFunc(pattern, s.compressed(func(w http.ResponseWriter, r *http.Request) { s.serveCachedPage(w, r, rt, d, wildcards) }))
			continue
		}
		mux.HandleFunc(pattern, s.compressed(func(w http.ResponseWriter, r *http.Request) { s.servePage(w, r, rt) }))
	}
	if !hasRoot {
		mux.HandleFunc("/{$}", s.compressed(s.serveNotFound))
	}
	mux.HandleFunc("/", s.compressed(s.serveNotFound))
	return mux
}

// loadAssets loads cfg.Assets, or bundles the client code in cfg.Dir
// (under "gorsc dev", incrementally: dev.go).
func (s *Server) loadAssets() (*assets.Result, error) {
	if s.cfg.Assets != nil {
		built, dev, err := assets.Load(s.cfg.Assets)
		if err != nil {
			return nil, err
		}
		if dev != s.cfg.Dev {
			return nil, fmt.Errorf("gorsc: the prebuilt assets were built with development=%v but App.Dev is %v; rebuild them (gorsc build -dev=%v)", dev, s.cfg.Dev, s.cfg.Dev)
		}
		return built, nil
	}
	if s.dev != nil {
		return s.dev.first()
	}
	dir := s.cfg.Dir
	if dir == "" {
		dir = "."
	}
	if bundleApp == nil {
		return nil, fmt.Errorf("gorsc: App.Assets is not set and this binary was built with -tags gorsc_prebuilt, which leaves the bundler out; set App.Assets to the output of \"gorsc build\", or build without the tag to bundle %s at start", dir)
	}
	return bundleApp(dir, s.cfg.Dev)
}

// startSSR starts the engine that server-renders client components of
// the build r, for the life of the Server (Close), unless the app
// disabled it or the assets carry no server bundle (testdata/assets):
// client components then render in the browser only, as client-rendered
// Suspense boundaries. It returns nil then.
func (s *Server) startSSR(r *assets.Result) (*ssr.Engine, error) {
	if s.cfg.SSR.Disabled {
		return nil, nil
	}
	if len(r.Server) == 0 {
		s.log.Debug("gorsc: the assets carry no server bundle; client components render in the browser only")
		return nil, nil
	}
	e, err := ssr.New(r.Server, ssr.Options{Size: s.cfg.SSR.VMs, Budget: s.cfg.SSR.Budget, Logger: s.log, CodeCache: s.cfg.SSR.CodeCache})
	if err != nil {
		return nil, fmt.Errorf("%w (App.SSR.Disabled leaves client components to the browser)", err)
	}
	return e, nil
}

// Close releases the server renderer's JavaScript VMs (and, under "gorsc
// dev", the bundler). Pages served after Close leave client components to
// the browser.
func (s *Server) Close() {
	if b := s.cur.Load(); b != nil && b.ssr != nil {
		b.ssr.Close()
	}
	s.closeDev()
}

// secret is the app's secret: Config.Secret, else GORSC_SECRET, else a
// random one (action ids then change on every restart).
func (s *Server) secret() []byte {
	if len(s.cfg.Secret) > 0 {
		return s.cfg.Secret
	}
	if v := os.Getenv("GORSC_SECRET"); v != "" {
		return []byte(v)
	}
	s.log.Warn("gorsc: no App.Secret or GORSC_SECRET set; action ids will change on restart")
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

// ServeHTTP serves pages, actions, handlers and the browser bundle,
// through the app's middleware.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// ActionID returns the public id of a registered action, for tests and
// tools (the browser learns ids from rendered pages).
func (s *Server) ActionID(d *action.Def) string { return s.actions.ID(d.Name) }

// render runs page and resolves its tree (server components in
// goroutines, Suspense boundaries pending until they complete).
func (s *Server) render(ctx context.Context, r *http.Request, page route.PageFunc) (*render.Result, error) {
	root := &tree.Component{Name: "route " + r.URL.Path, Fn: func(ctx context.Context) (tree.Node, error) { return page(ctx, r) }}
	ctx = context.WithValue(ctx, serverKey{}, s) // for StylesheetURL
	return render.Render(ctx, root, render.Options{Concurrency: s.cfg.MaxConcurrency, Stylesheets: s.build(ctx).moduleCSS})
}

// renderContext is the context of one render: the request's, carrying the
// request, a fresh render state and the client build the render uses
// throughout (build.go), with the app's render timeout.
func (s *Server) renderContext(r *http.Request) (context.Context, context.CancelFunc) {
	ctx, _ := request.WithRender(cache.WithRequest(request.With(r.Context(), r), s.cfg.Cache, r.URL.Path))
	ctx = context.WithValue(ctx, buildKey{}, s.build(r.Context()))
	if s.cfg.RenderTimeout > 0 {
		return context.WithTimeout(ctx, s.cfg.RenderTimeout)
	}
	return context.WithCancel(ctx)
}

func isFlightRequest(r *http.Request) bool { return r.Header.Get(protocol.Flight) == "1" }

func newDigest() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// varyOnce adds a Vary value unless the response already has it.
func varyOnce(h http.Header, v string) {
	if !slices.Contains(h.Values("Vary"), v) {
		h.Add("Vary", v)
	}
}
