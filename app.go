package gorsc

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/tree"
)

// PageFunc renders a page. Path parameters of the page's pattern are read
// with r.PathValue, as with http.ServeMux.
type PageFunc func(ctx context.Context, r *http.Request) (Node, error)

// LayoutFunc wraps every page. The root layout renders the <html> element
// and puts children where the page goes.
type LayoutFunc func(ctx context.Context, r *http.Request, children Node) (Node, error)

// ActionHeader is the request header that marks a server action call made
// by the browser runtime; its value is the action id.
const ActionHeader = "Gorsc-Action"

// FlightHeader is the request header ("RSC: 1") that asks for a page's
// Flight payload instead of its HTML.
const FlightHeader = "RSC"

// App is a gorsc application: pages, a layout, server actions and the
// browser bundle, served as an http.Handler. Configure its fields and
// register pages before it serves its first request. The zero value serves
// the app in the current directory.
type App struct {
	// Dir is the app directory holding the "use client" modules and the
	// node_modules they import. Default ".".
	Dir string
	// Assets, when set, holds the browser bundle prebuilt by "gorsc build"
	// (an os.DirFS, or an embed.FS for a single binary): the app then
	// needs no node_modules and starts without bundling. When nil, the app
	// bundles Dir at start.
	Assets fs.FS
	// Secret derives the public ids of server actions. Instances that
	// share a secret share ids. When empty, GORSC_SECRET is used; when
	// that is empty too, a random secret is made at start, so ids change
	// on every restart.
	Secret []byte
	// MaxActionBytes limits the body of an action call (default 1 MB);
	// larger bodies are answered with 413.
	MaxActionBytes int64
	// MaxFileBytes limits each file uploaded to an action; a larger one is
	// answered with 413 naming its form field. Zero means only
	// MaxActionBytes applies.
	MaxFileBytes int64
	// TrustedOrigins are origins (like "https://app.example.com") besides
	// the request's own host that may call actions.
	TrustedOrigins []string
	// Dev serves React's development builds (full warnings in the
	// browser console) and writes error details into error pages and
	// Flight error rows. Never enable it in production: the details can
	// leak secrets.
	Dev bool
	// Logger receives errors; default slog.Default().
	Logger *slog.Logger
	// RenderTimeout bounds a render: Suspense boundaries not done by then
	// fail (the browser renders them, or shows the nearest error
	// boundary). Zero means no limit beyond the request's own context.
	RenderTimeout time.Duration
	// MaxConcurrency bounds the server components of one request that run
	// at the same time (default 64).
	MaxConcurrency int

	mu         sync.Mutex
	middleware []func(http.Handler) http.Handler
	pages      []pageRoute
	handlers   []handlerRoute
	segments   map[string]*Segment
	notFound   PageFunc // the root not-found page, composed with its segments in prepare

	once    sync.Once
	prepErr error
	mux     *http.ServeMux
	handler http.Handler // mux wrapped in the middleware
	assets  *bundle.Result
	cop     *http.CrossOriginProtection
	head    string // tags written at the end of <head>
	secret  []byte

	idMu      sync.RWMutex
	idsByName map[string]string
	defsByID  map[string]*actionDef
}

type pageRoute struct {
	pattern string
	page    PageFunc
}

type handlerRoute struct {
	pattern string
	h       http.Handler
}

// Page registers a page for pattern, in http.ServeMux syntax without a
// method ("/", "/todos", "/todos/{id}"). A pattern ending in "/" matches
// only that path, not everything below it. The page answers GET and HEAD
// with HTML (or Flight, for requests with the RSC header) and POST with
// server actions.
func (a *App) Page(pattern string, page PageFunc) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.mux != nil {
		panic("gorsc: Page(" + pattern + ") called after the app started serving")
	}
	if page == nil {
		panic("gorsc: Page(" + pattern + ") with a nil page")
	}
	a.pages = append(a.pages, pageRoute{pattern, page})
}

// Handle mounts a plain http.Handler (an API endpoint, a file server) for
// pattern, in http.ServeMux syntax, beside the pages.
func (a *App) Handle(pattern string, h http.Handler) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.mux != nil {
		panic("gorsc: Handle(" + pattern + ") called after the app started serving")
	}
	a.handlers = append(a.handlers, handlerRoute{pattern, h})
}

// Use adds middleware around everything the app serves: pages, actions,
// route handlers and assets. The first added is the outermost. No request
// header can skip it.
func (a *App) Use(mw ...func(http.Handler) http.Handler) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.mux != nil {
		panic("gorsc: Use called after the app started serving")
	}
	a.middleware = append(a.middleware, mw...)
}

// Layout sets the root layout that wraps every page: the Layout of the
// root Segment.
func (a *App) Layout(l LayoutFunc) { a.Segment("/", Segment{Layout: l}) }

// NotFound sets the page shown, with status 404, for URLs no page matches
// and pages that return gorsc.NotFound(): the NotFound of the root Segment.
func (a *App) NotFound(p PageFunc) { a.Segment("/", Segment{NotFound: p}) }

// Prepare bundles the client code and builds the routes. ServeHTTP calls
// it on the first request; call it at start to fail early on build errors.
func (a *App) Prepare() error {
	a.once.Do(func() { a.prepErr = a.prepare() })
	return a.prepErr
}

func (a *App) prepare() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	dir := a.Dir
	if dir == "" {
		dir = "."
	}
	var res *bundle.Result
	if a.Assets != nil {
		built, dev, err := bundle.Load(a.Assets)
		if err != nil {
			return err
		}
		if dev != a.Dev {
			return fmt.Errorf("gorsc: the prebuilt assets were built with development=%v but App.Dev is %v; rebuild them (gorsc build -dev=%v)", dev, a.Dev, a.Dev)
		}
		res = built
	} else {
		// In Dev the browser gets React's development builds, which need
		// the development Flight shapes (flight-spec §1.7).
		built, err := bundle.Build(bundle.Options{Dir: dir, PublicPath: assetPrefix, Development: a.Dev})
		if err != nil {
			return err
		}
		res = built
	}
	a.assets = res

	a.secret = a.Secret
	if len(a.secret) == 0 {
		if s := os.Getenv("GORSC_SECRET"); s != "" {
			a.secret = []byte(s)
		} else {
			a.secret = make([]byte, 32)
			rand.Read(a.secret)
			a.logger().Warn("gorsc: no App.Secret or GORSC_SECRET set; action ids will change on restart")
		}
	}

	a.cop = http.NewCrossOriginProtection()
	for _, o := range a.TrustedOrigins {
		if err := a.cop.AddTrustedOrigin(o); err != nil {
			return fmt.Errorf("gorsc: TrustedOrigins: %w", err)
		}
	}

	var head strings.Builder
	for _, p := range res.Preload {
		fmt.Fprintf(&head, `<link rel="modulepreload" href="%s"/>`, p)
	}
	fmt.Fprintf(&head, `<script type="module" src="%s" async=""></script>`, res.Bootstrap)
	a.head = head.String()

	mux := http.NewServeMux()
	mux.Handle("GET "+assetPrefix, http.HandlerFunc(a.serveAsset))
	for _, h := range a.handlers {
		mux.Handle(h.pattern, h.h)
	}
	for _, p := range a.pages {
		pattern := urlPattern(p.pattern)
		if strings.HasSuffix(pattern, "/") {
			pattern += "{$}"
		}
		rt := newRoute("page "+p.pattern, a.segmentsFor(p.pattern), p.page)
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { a.servePage(w, r, rt) })
	}
	root := a.segmentsFor("/")
	var nf PageFunc = defaultNotFound
	if len(root) > 0 && root[0].NotFound != nil {
		nf = root[0].NotFound
	}
	a.notFound = compose("not-found", root, nf)
	if !slices.ContainsFunc(a.pages, func(p pageRoute) bool { return p.pattern == "/" }) {
		mux.HandleFunc("/{$}", a.serveNotFound)
	}
	mux.HandleFunc("/", a.serveNotFound)
	a.mux = mux
	var h http.Handler = mux
	for i := len(a.middleware) - 1; i >= 0; i-- {
		h = a.middleware[i](h)
	}
	a.handler = h
	return nil
}

const assetPrefix = "/_gorsc/"

func (a *App) logger() *slog.Logger {
	if a.Logger != nil {
		return a.Logger
	}
	return slog.Default()
}

// ServeHTTP serves pages, actions and the browser bundle.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := a.Prepare(); err != nil {
		a.logger().Error("gorsc: app failed to start", "err", err)
		http.Error(w, "gorsc: the app failed to start; see the server log", http.StatusInternalServerError)
		return
	}
	a.handler.ServeHTTP(w, r)
}

func (a *App) serveAsset(w http.ResponseWriter, r *http.Request) {
	body, ok := a.assets.Files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(body)
}

func (a *App) servePage(w http.ResponseWriter, r *http.Request, rt *route) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		a.renderRoute(w, r, rt, http.StatusOK)
	case http.MethodPost:
		a.serveAction(w, r, rt)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func (a *App) serveNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.NotFound(w, r)
		return
	}
	a.serveNotFoundDocument(w, r)
}

// serveNotFoundDocument answers with the not-found UI of the nearest
// segment of the request's path, inside that segment's layouts, and 404.
func (a *App) serveNotFoundDocument(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	segs := a.segmentsForURL(r.URL.Path)
	a.mu.Unlock()
	var nf PageFunc = defaultNotFound
	for _, s := range segs {
		if s.NotFound != nil {
			nf = s.NotFound
		}
	}
	a.renderRoute(w, r, newRoute("not-found", segs, nf), http.StatusNotFound)
}

func defaultNotFound(ctx context.Context, r *http.Request) (Node, error) {
	return tree.El("h1", tree.Text("404: This page could not be found.")), nil
}

// buildTree renders the page inside the layout.
func (a *App) buildTree(ctx context.Context, r *http.Request, page PageFunc) (*render.Result, error) {
	// page is composed with its segments' layouts (see compose).
	root := &tree.Component{Name: "route " + r.URL.Path, Fn: func(ctx context.Context) (Node, error) { return page(ctx, r) }}
	return render.Render(ctx, root, render.Options{Concurrency: a.MaxConcurrency})
}

func isFlightRequest(r *http.Request) bool { return r.Header.Get(FlightHeader) == "1" }

// renderContext is the context of one render: the request's, with the
// app's render timeout.
func (a *App) renderContext(r *http.Request) (context.Context, context.CancelFunc) {
	ctx, _ := withRequestState(withRequest(r.Context(), r))
	if a.RenderTimeout > 0 {
		return context.WithTimeout(ctx, a.RenderTimeout)
	}
	return context.WithCancel(ctx)
}

// render answers a page request: the shell as soon as it is ready, then
// each Suspense boundary as it completes, as HTML with inline Flight, or
// as Flight alone for requests with the RSC header.
func (a *App) render(w http.ResponseWriter, r *http.Request, page PageFunc, status int) {
	a.renderPage(w, r, page, nil, status)
}

// renderRoute is render for a route composed with its segments: a client
// navigation's Flight request that lists the slots it has mounted
// (SegmentsHeader) gets only what changed below the deepest shared
// layout (route.partial).
func (a *App) renderRoute(w http.ResponseWriter, r *http.Request, rt *route, status int) {
	a.renderPage(w, r, rt.full, rt, status)
}

// renderPage is render, with partial responses when rt is not nil.
func (a *App) renderPage(w http.ResponseWriter, r *http.Request, page PageFunc, rt *route, status int) {
	ctx, cancel := a.renderContext(r)
	defer cancel()
	// The answer depends on both headers: HTML or Flight, whole tree or
	// partial. (Added once, when a not-found page renders in its place.)
	if vary := FlightHeader + ", " + SegmentsHeader; !slices.Contains(w.Header().Values("Vary"), vary) {
		w.Header().Add("Vary", vary)
	}
	var slotID string
	var partial PageFunc
	if rt != nil {
		if slotID, partial = rt.partial(r); partial != nil {
			page = partial
		}
	}
	res, err := a.buildTree(ctx, r, page)
	defer res.Wait() // no goroutine of the render outlives the request
	if rd, ok := asRedirect(err); ok {
		cancel()
		if isFlightRequest(r) {
			w.Header().Set(RedirectHeader, rd.url)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		http.Redirect(w, r, rd.url, rd.status)
		return
	}
	if isNotFound(err) && status != http.StatusNotFound {
		cancel()
		res.Wait()
		a.serveNotFoundDocument(w, r)
		return
	}
	if err != nil {
		cancel()
		a.fail(w, r, err)
		return
	}
	if st := requestStateFrom(ctx); st.notFound.Load() {
		status = http.StatusNotFound // a page returned NotFound before the shell was sent
	} else if st.unauthorized.Load() {
		status = http.StatusUnauthorized
	}
	var root any = res.Root
	if partial != nil {
		if root, err = partialRoot(slotID, res.Root); err != nil {
			cancel()
			a.fail(w, r, err)
			return
		}
		w.Header().Set(SlotHeader, slotID)
	}
	st := &stream{a: a, r: r, w: w, rc: http.NewResponseController(w), enc: a.newEncoder()}
	rows, err := st.enc.Encode(root)
	if err != nil {
		cancel()
		a.fail(w, r, err)
		return
	}
	if isFlightRequest(r) {
		w.Header().Set("Content-Type", "text/x-component")
		w.WriteHeader(status)
		st.write(rows)
		st.finish(nil)
		return
	}
	st.html = fizz.NewStream(resolver{a}, &fizz.Options{HeadEnd: a.head}, a.assets.Fizz, st.digest)
	shell, err := st.html.Shell(res.Root)
	if err != nil {
		cancel()
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	st.write(fizz.AppendFlightScript(shell, rows))
	st.finish(st.html.End())
}

// newEncoder returns a Flight encoder for one response, in development
// shapes when the app runs in Dev mode.
func (a *App) newEncoder() *flight.Encoder {
	return flight.NewEncoderWith(resolver{a}, flight.Options{Dev: a.Dev})
}

// fail logs err under a digest and answers 500 with the digest only
// (and the error, in Dev mode).
func (a *App) fail(w http.ResponseWriter, r *http.Request, err error) {
	digest := newDigest()
	a.logger().Error("gorsc: render failed", "digest", digest, "method", r.Method, "path", r.URL.Path, "err", err)
	msg := "Internal Server Error (digest " + digest + ")"
	if a.Dev {
		msg += "\n\n" + err.Error()
	}
	http.Error(w, msg, http.StatusInternalServerError)
}

func newDigest() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// actionID is the public id of the action named name.
func (a *App) actionID(name string) string {
	a.idMu.RLock()
	id, ok := a.idsByName[name]
	a.idMu.RUnlock()
	if ok {
		return id
	}
	mac := hmac.New(sha256.New, a.secret)
	mac.Write([]byte("gorsc action\x00" + name))
	id = hex.EncodeToString(mac.Sum(nil))[:40]
	a.idMu.Lock()
	if a.idsByName == nil {
		a.idsByName = map[string]string{}
	}
	a.idsByName[name] = id
	a.idMu.Unlock()
	return id
}

// actionByID finds a registered action by its public id. Ids are never
// parsed: an unknown id is simply not in the table.
func (a *App) actionByID(id string) *actionDef {
	a.idMu.RLock()
	d, ok := a.defsByID[id]
	n := len(a.defsByID)
	a.idMu.RUnlock()
	if ok {
		return d
	}
	defs := allActions()
	if len(defs) == n {
		return nil
	}
	table := make(map[string]*actionDef, len(defs))
	for _, d := range defs {
		table[a.actionID(d.name)] = d
	}
	a.idMu.Lock()
	a.defsByID = table
	a.idMu.Unlock()
	return table[id]
}

// resolver connects the writers to the app's bundle and action ids.
type resolver struct{ a *App }

func (r resolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	m, ok := r.a.assets.Modules[module]
	if !ok {
		known := make([]string, 0, len(r.a.assets.Modules))
		for k := range r.a.assets.Modules {
			known = append(known, k)
		}
		slices.Sort(known)
		return flight.ClientMeta{}, fmt.Errorf("gorsc: client component %s#%s: no \"use client\" module %s in the app directory (client modules: %s)", module, export, module, strings.Join(known, ", "))
	}
	if !slices.Contains(m.Exports, export) {
		return flight.ClientMeta{}, fmt.Errorf("gorsc: client component %s#%s: the module has no export %q (exports: %s)", module, export, export, strings.Join(m.Exports, ", "))
	}
	return flight.ClientMeta{ID: m.URL, Chunks: []string{m.URL, m.URL}, Name: export}, nil
}

func (r resolver) ActionID(ref tree.ActionRef) (string, error) {
	if lookupAction(ref.ActionName()) == nil {
		return "", fmt.Errorf("gorsc: action %s is not registered; create it with gorsc.Action", ref.ActionName())
	}
	return r.a.refID(ref) // bound actions: sealed reference (seal.go)
}

func (r resolver) EncodeBound(args []any) (string, error) {
	b, err := flight.EncodePlain(args)
	return string(b), err
}
