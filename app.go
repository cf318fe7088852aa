package gorsc

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/route"
	"github.com/gorsc/gorsc/internal/server"
	"github.com/gorsc/gorsc/internal/style"
	"github.com/gorsc/gorsc/internal/tree"
)

// App is a gorsc application: pages, segments (layouts, loading and error
// UI), server actions and the browser bundle, served as an http.Handler.
// Set its fields and register pages before it serves its first request.
// The zero value serves the app in the current directory.
type App struct {
	// Dir is the app directory holding the "use client" modules and the
	// node_modules they import. Default ".".
	Dir string
	// Assets, when set, holds the browser bundle prebuilt by "gorsc build"
	// (an os.DirFS, or an embed.FS for a single binary): the app then
	// needs no node_modules and starts without bundling. When nil, the app
	// bundles Dir at start.
	Assets fs.FS
	// Secret derives the public ids of server actions and the key that
	// seals their bound arguments. Instances that share a secret share
	// ids. When empty, GORSC_SECRET is used; when that is empty too, a
	// random secret is made at start, so ids change on every restart.
	Secret []byte
	// MaxActionBytes limits the body of an action call, in bytes (default
	// 1 MB); larger bodies are answered with 413.
	MaxActionBytes int64
	// MaxFileBytes limits each file uploaded to an action, in bytes; a
	// larger one is answered with 413 naming its form field. Zero means
	// only MaxActionBytes applies.
	MaxFileBytes int64
	// TrustedOrigins are origins (like "https://app.example.com") besides
	// the request's own host that may call actions.
	TrustedOrigins []string
	// Dev serves React's development builds (full warnings in the
	// browser console) and writes error details into error pages and
	// Flight error rows. Never enable it in production: the details can
	// leak secrets. "gorsc dev" turns it on (GORSC_DEV=1).
	Dev bool
	// Logger receives errors; default slog.Default().
	Logger *slog.Logger
	// RenderTimeout bounds a render: Suspense boundaries not done by then
	// fail (the browser renders them, or shows the nearest error
	// boundary). Zero means no limit beyond the request's own context.
	RenderTimeout time.Duration
	// MaxActionBodies bounds the action bodies being read at the same time
	// (default 64): with the default MaxActionBytes, at most 64 MB of
	// request bodies in memory. A call beyond it waits for a slot up to
	// 10 s, then gets 503 Service Unavailable with Retry-After.
	MaxActionBodies int
	// MaxConcurrency bounds the server components of one request that run
	// at the same time (default 64).
	MaxConcurrency int
	// SSR configures the server rendering of client components: the first
	// HTML of a page holds their markup, rendered from the same TSX by
	// React's own server renderer in JavaScript VMs inside the Go process,
	// and the browser hydrates it. Assets without a server bundle (made by
	// an older gorsc, or testdata/assets) leave client components to the
	// browser.
	SSR SSROptions
	// DisableCompression sends pages, Flight and action answers and the
	// browser bundle as is, for a proxy in front that compresses. By
	// default answers are compressed by the request's Accept-Encoding
	// (zstd, brotli or gzip) as they stream, and the bundle is served
	// precompressed (brotli or gzip, compressed once).
	DisableCompression bool
	// InlineAllRows writes every Flight row of a page into its first HTML,
	// as React's own renderers (and Next.js) do. By default a subtree of
	// plain elements whose rows take 1 KB or more of JSON (a list, an
	// article: host elements only, with string attributes, texts and
	// integers) does not carry its strings twice: the document carries a
	// template of its rows with them left out, and the browser runtime
	// fills it from the HTML before React reads it, checked against a
	// CRC-32. The raw page shrinks a little; the compressed page a lot
	// (examples/bench's "/": 5.9 KB → 4.0 KB gzipped). When the HTML was
	// changed on its way (a proxy rewriting it, an extension), the check
	// fails and the runtime fetches the page's Flight payload instead:
	// still correct, one request more. Set InlineAllRows when that happens
	// to every page (a proxy that rewrites or strips comments from HTML).
	InlineAllRows bool
	// Cache keeps the values of the app's cached functions ([Cached]):
	// [NewMemoryCache] for one instance, [NewRedisCache] for several that
	// share values and invalidations. Nil means NewMemoryCache(0), 64 MiB
	// in this process. It is the app's only cache: nothing else is cached
	// behind the app's back.
	Cache *Cache

	mu         sync.Mutex
	pages      []server.Page
	handlers   []server.Handler
	patterns   *http.ServeMux // every pattern registered so far, to catch conflicts at the user's line
	segments   route.Table
	middleware []func(http.Handler) http.Handler
	sheets     []*style.Decl // of App.Stylesheet and Segment.Stylesheets (style.go)
	docSheets  []string      // App.Stylesheet's paths

	once    sync.Once
	srv     *server.Server
	prepErr error
}

// SSROptions configure the server rendering of client components
// (App.SSR). The zero value renders them.
type SSROptions struct {
	// Disabled leaves every client component to the browser: the first
	// HTML holds a client-rendered Suspense boundary with its fallback
	// (WithFallback) in its place. See ClientOnly for one component.
	Disabled bool
	// VMs is the number of JavaScript VMs, the client components rendered
	// at the same time (default runtime.GOMAXPROCS(0)); each holds a few
	// MB.
	VMs int
	// Budget bounds the server render of one client component (default
	// 250ms): one that takes longer, loops endlessly or still waits for
	// data is left to the browser, and the error is logged with a digest.
	Budget time.Duration
}

// Page registers a page for pattern, in http.ServeMux syntax without a
// method ("/", "/todos", "/todos/{id}"); path segments in parentheses are
// route groups (see [App.Segment]). A pattern ending in "/" matches only
// that path, not everything below it. The page answers GET and HEAD with
// HTML (or Flight, for the client router) and POST with server actions.
//
// Options configure the page: [CachePage] makes it cacheable.
//
// Page panics, with a message naming pattern, when the pattern has a
// method or host, is malformed, or conflicts with one registered before,
// and when called after the app started serving.
func (a *App) Page(pattern string, page PageFunc, opts ...PageOption) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.checkOpen("Page(" + pattern + ")")
	if page == nil {
		panic("gorsc: Page(" + pattern + ") with a nil page")
	}
	url := route.URLPattern(pattern)
	if strings.HasSuffix(url, "/") {
		url += "{$}"
	}
	a.checkPattern("Page", pattern, url)
	p := server.Page{Pattern: pattern, Page: route.PageFunc(page)}
	for _, o := range opts {
		o(&p)
	}
	a.pages = append(a.pages, p)
}

// Handle mounts a plain http.Handler (an API endpoint, a file server) for
// pattern, in http.ServeMux syntax (a method is allowed: "GET /api/x"),
// beside the pages. It panics like [App.Page] on a bad pattern.
func (a *App) Handle(pattern string, h http.Handler) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.checkOpen("Handle(" + pattern + ")")
	if h == nil {
		panic("gorsc: Handle(" + pattern + ") with a nil handler")
	}
	a.checkPattern("Handle", pattern, pattern)
	a.handlers = append(a.handlers, server.Handler{Pattern: pattern, Handler: h})
}

// checkPattern registers mux (the pattern as the mux will see it) in a
// probe mux, turning ServeMux's panic into one that names the user's call.
func (a *App) checkPattern(fn, pattern, mux string) {
	if fn == "Page" && strings.ContainsAny(strings.SplitN(pattern, "/", 2)[0], " \t") {
		panic(fmt.Sprintf("gorsc: Page(%q): a page pattern has no method (pages answer GET, HEAD and POST); use Handle for a method-specific handler", pattern))
	}
	if !strings.HasPrefix(pattern, "/") && fn == "Page" {
		panic(fmt.Sprintf("gorsc: Page(%q): a page pattern starts with \"/\"", pattern))
	}
	if a.patterns == nil {
		// What the server registers itself: the browser bundle, and the
		// not-found page for everything else.
		a.patterns = http.NewServeMux()
		a.patterns.Handle("GET "+protocol.AssetPrefix, http.NotFoundHandler())
		a.patterns.Handle("/", http.NotFoundHandler())
	}
	defer func() {
		if e := recover(); e != nil {
			panic(fmt.Sprintf("gorsc: %s(%q): %v", fn, pattern, e))
		}
	}()
	a.patterns.Handle(mux, http.NotFoundHandler())
}

func (a *App) checkOpen(call string) {
	if a.srv != nil || a.prepErr != nil {
		panic("gorsc: " + call + " called after the app started serving")
	}
}

// Use adds middleware around everything the app serves: pages, actions,
// route handlers and assets. The first added is the outermost. No request
// header can skip it.
func (a *App) Use(mw ...func(http.Handler) http.Handler) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.checkOpen("Use")
	a.middleware = append(a.middleware, mw...)
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
	a.checkOpen("Segment(" + prefix + ")")
	rs := s.internal()
	rs.Stylesheets = a.segmentStylesheets(s.Stylesheets, 1)
	a.segments.Add(prefix, rs)
}

// Layout sets the root layout that wraps every page: the Layout of the
// root Segment.
func (a *App) Layout(l LayoutFunc) { a.Segment("/", Segment{Layout: l}) }

// NotFoundPage sets the page shown, with status 404, for URLs no page
// matches and for pages that return [NotFound]: the NotFound of the root
// Segment.
func (a *App) NotFoundPage(p PageFunc) { a.Segment("/", Segment{NotFound: p}) }

// Prepare bundles the client code (or loads Assets) and builds the
// routes. ServeHTTP calls it on the first request; call it at start to
// fail early: its error names the file and line of a client-code build
// error, or what else kept the app from starting. After Prepare, the app
// takes no more registrations.
func (a *App) Prepare() error {
	a.once.Do(func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		defer func() {
			if e := recover(); e != nil {
				a.prepErr = fmt.Errorf("gorsc: preparing the app: %v", e)
			}
		}()
		a.srv, a.prepErr = server.New(server.Config{
			Dir:            a.Dir,
			Assets:         a.Assets,
			Secret:         a.Secret,
			MaxActionBytes: a.MaxActionBytes,
			MaxFileBytes:   a.MaxFileBytes,
			MaxBodies:      a.MaxActionBodies,
			TrustedOrigins: a.TrustedOrigins,
			Dev:            a.Dev || devMode(),
			Logger:         a.Logger,
			RenderTimeout:  a.RenderTimeout,
			MaxConcurrency: a.MaxConcurrency,
			SSR:            server.SSR{Disabled: a.SSR.Disabled, VMs: a.SSR.VMs, Budget: a.SSR.Budget},
			Cache:          a.cache(),
			Pages:          a.pages,
			Handlers:       a.handlers,
			Segments:       &a.segments,
			Middleware:     a.middleware,
			ActionRef:      actionRef,
			Stylesheets:    a.docSheets,
			DevServer:      devMode(),

			DisableCompression: a.DisableCompression,
			InlineAllRows:      a.InlineAllRows,
		})
		if a.prepErr == nil {
			a.prepErr = style.Check(a.srv, a.sheets)
		}
	})
	return a.prepErr
}

// Close releases what Prepare started: the pool of JavaScript VMs that
// server-render client components (each holds megabytes outside Go's
// heap). It leaves [App.Cache] open: its owner closes it. [App.ListenAndServe]
// and [App.Serve] call Close after their graceful shutdown; call it
// yourself when you serve the app with a server of your own and are done
// with it. Requests served after Close still answer, with client
// components rendered in the browser only. Close on an app never
// prepared does nothing; it always returns nil today (the error is for
// resources to come).
func (a *App) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.srv != nil {
		a.srv.Close()
	}
	return nil
}

func (a *App) cache() *cache.Cache {
	if a.Cache == nil {
		return nil
	}
	return a.Cache.c
}

// ServeHTTP serves pages, actions, handlers and the browser bundle. When
// the app cannot start (see Prepare) every request gets 500 and the error
// is logged.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := a.Prepare(); err != nil {
		a.logger().Error("gorsc: app failed to start", "err", err)
		http.Error(w, "gorsc: the app failed to start; see the server log", http.StatusInternalServerError)
		return
	}
	a.srv.ServeHTTP(w, r)
}

// actionRef unwraps the *ServerAction values found in trees.
func actionRef(r tree.ActionRef) (*action.Ref, bool) {
	sa, ok := r.(*ServerAction)
	if !ok || sa == nil {
		return nil, false
	}
	return sa.ref, true
}
