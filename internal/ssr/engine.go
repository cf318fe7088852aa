// Package ssr renders React client components to HTML on the server, with
// React's own server renderer (react-dom/server.edge) running in a pool of
// embedded JavaScript engines (modernc.org/quickjs: pure Go, no cgo).
//
// Go writes the HTML of server components itself (internal/fizz); this
// package renders what Go cannot: each outermost client component, with
// the props the browser decodes, fed as the component's Flight rows to
// React's Flight client inside the engine. The HTML it returns is what the
// browser's React hydrates without a mismatch, provided the render starts
// from the component's position in the whole tree (fizz.TreeContext), so
// that useId agrees.
//
// A VM runs no file system or network code: the server bundle
// (internal/bundle) and a small host layer (host.js: TextEncoder,
// TextDecoder, timers, AbortController, ReadableStream, FormData, console,
// Intl for en-US) are all it has. window and document are not defined, as
// on any server.
//
// # Use in the page path
//
//	eng, err := ssr.New(assets.Server, ssr.Options{Logger: logger}) // once
//	opts := &fizz.Options{HeadEnd: head, RenderClient: eng.Hook(ctx, resolver, ssr.HookOptions{
//		Flight:  flight.Options{Dev: dev}, // as for the page's rows
//		OnError: func(c *tree.ClientRef, err error) { /* log err under ssr.Digest(err) */ },
//	})}
//
// The HTML writer then asks for each outermost client component (not
// ClientOnly, without Go-written HTML) with its tree context, writes a
// completed boundary around the HTML and merges what the component hoists
// into <head>. A component that fails keeps today's client-rendered
// boundary; the browser renders it.
//
// # useActionState without JavaScript
//
// After a form of a useActionState hook was posted without JavaScript and
// its action ran, render the page with HookOptions.FormState =
// EncodeFormState(result, form's $ACTION_KEY, action id, bound args). React
// then marks every useActionState hook of the page (<!--F!--> / <!--F-->),
// and the browser must hydrate with the same value: decode the same rows
// with the Flight client and pass the result as hydrateRoot's formState
// option (internal/runtime/bootstrap.tsx), or hydration fails on the
// markers.
package ssr

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/quickjs"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
)

// Options configure an Engine. The zero value is usable.
type Options struct {
	// Size is the number of VMs, the number of renders that run at once
	// (default runtime.GOMAXPROCS(0)). VMs start on demand.
	Size int
	// Budget bounds one render, JavaScript and waiting together (default
	// 250ms). A render still waiting at the end writes its Suspense
	// fallbacks; JavaScript still running is interrupted (BudgetError).
	Budget time.Duration
	// Logger receives the console output of components and warnings about
	// client modules that do not evaluate on a server (default
	// slog.Default()).
	Logger *slog.Logger
	// CacheBytes bounds a memo of results keyed by the request (Flight
	// rows, tree context, form state): pages repeat client components
	// with the same props. 0 means 8 MiB; negative turns the cache off.
	// A component whose output depends on anything but its props (the
	// clock, randomness) must not be cached: it would not hydrate either.
	CacheBytes int64
	// BrowserDigests keeps React's digests in the client-rendered
	// boundaries of errors React recovered from inside a component
	// (Result.Errors). React's browser build then reports each to
	// onRecoverableError (error 419, "the server could not finish this
	// Suspense boundary"). By default they are written with an empty
	// digest, which the browser takes as a deliberate client render and
	// does not report; the server has the errors, with their digests.
	BrowserDigests bool
	// TimeZone is the IANA time zone of dates that components format
	// (Intl.DateTimeFormat, toLocaleString), default "UTC". The engine's
	// Intl knows the en-US locale only, whatever locale a component asks
	// for: text a component formats for another locale (or a browser in
	// another time zone) differs in the browser, which React reports as a
	// hydration mismatch and renders again. "-" leaves Intl undefined, so
	// that components using it fall back to the browser.
	TimeZone string
	// MemoryLimit bounds the JavaScript heap of each VM in bytes (default
	// 256 MiB); a render that passes it fails.
	MemoryLimit int64
	// CodeCache is a directory that keeps the bytecode of compiled server
	// bundles (codecache.go), so that New loads a bundle it compiled
	// before instead of compiling it again: a React development bundle
	// takes about 200 ms to compile, on every restart of "gorsc dev".
	// Empty: no cache.
	CodeCache string
}

// Request is one client component to render.
type Request struct {
	// Flight holds complete Flight rows whose row 0 is the client element
	// (["$","$L1",key,props]), with its I row and every row its props
	// need, as the browser would decode them (EncodeClient writes them).
	// Module ids are the browser bundle's, as in the server bundle.
	Flight []byte
	// Tree is where the component sits in the tree the browser hydrates.
	Tree fizz.TreeContext
	// SVG renders the component as a child of an <svg> element.
	SVG bool
	// FormState is React's formState after a form of a useActionState
	// hook was posted without JavaScript, as Flight rows whose row 0 is
	// [state, key, actionID, boundArgs] (see EncodeFormState), or nil.
	// React then renders the hook whose key and action match with state,
	// and marks every useActionState hook for hydration (<!--F!--> when it
	// matched, <!--F--> when not): the browser must then hydrate with the
	// same formState (hydrateRoot's formState option), and every client
	// component of the page must get the same FormState.
	FormState []byte
	// Location is the page's URL for gorsc/client's hooks (usePathname,
	// useSearchParams, useParams), as JSON {"pathname", "search",
	// "routes"}: the escaped path, the query with its "?", and the page
	// patterns (see internal/runtime/nav.ts). Empty: "/" and no routes.
	Location []byte
}

// Result is a rendered component.
type Result struct {
	// HTML is the component's markup, for a completed Suspense boundary
	// (<!--$-->HTML<!--/$-->) at its place in the document.
	HTML []byte
	// Head holds what React writes into <head> for the component:
	// hoisted <title>, <meta> and <link> elements, stylesheets with
	// precedence, preloads. Nil when there is none.
	Head []byte
	// Errors are errors React recovered from inside the component: the
	// Suspense boundaries they were thrown in are written as
	// client-rendered, with these digests. Log them as render errors.
	Errors []error
}

// Engine is a pool of VMs loaded with one server bundle. It is safe for
// concurrent use.
type Engine struct {
	opts Options
	log  *slog.Logger
	code [][]byte // bytecode of host.js, the server bundle's parts, render.js

	tokens chan struct{} // one per VM that may run; shared with the engines Reload makes
	mu     sync.Mutex
	idle   []*vm
	live   int
	closed bool
	// retired: Reload replaced the engine. Its renders still run (the
	// requests in flight), each VM closing when it finishes.
	retired   bool
	starting  int           // VMs prestart is starting
	startDone chan struct{} // closed when one of them is done; nil when none waits
	cache     *cache
	warned    atomic.Bool // the failing modules were logged
	stats     Stats
}

// compiles counts the parts of server bundles compiled (not found in the
// memo or a CodeCache).
var compiles atomic.Int64

//go:embed host.js
var hostJS string

//go:embed render.js
var renderJS string

// New compiles the server bundle (internal/bundle's Result.Server) and
// starts one VM with it, so that a bundle that does not load fails here
// (BundleError).
func New(serverBundle []byte, opts Options) (*Engine, error) {
	if opts.Size <= 0 {
		opts.Size = runtime.GOMAXPROCS(0)
	}
	if opts.Budget <= 0 {
		opts.Budget = 250 * time.Millisecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = 8 << 20
	}
	if opts.TimeZone == "" {
		opts.TimeZone = "UTC"
	}
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = 256 << 20
	}
	tokens := make(chan struct{}, opts.Size)
	for range opts.Size {
		tokens <- struct{}{}
	}
	return newEngine(serverBundle, opts, tokens)
}

// Reload returns an engine for a new server bundle (the app's client code
// built again after an edit, under "gorsc dev"), with e's options and
// sharing e's bound on the VMs that render at once. e retires: its idle
// VMs close now, the ones rendering close when they finish, and renders
// that still come to e (requests in flight, which began with the old
// build) run with the old bundle. Like New, Reload starts one VM with the
// new bundle: a bundle that does not load fails here (BundleError) and e
// stays in service.
func (e *Engine) Reload(serverBundle []byte) (*Engine, error) {
	n, err := newEngine(serverBundle, e.opts, e.tokens)
	if err != nil {
		return nil, err
	}
	e.stop(&e.retired)
	return n, nil
}

func newEngine(serverBundle []byte, opts Options, tokens chan struct{}) (*Engine, error) {
	if bridge.err != nil {
		return nil, bridge.err
	}
	if len(serverBundle) == 0 {
		return nil, &BundleError{Err: errors.New("the server bundle is empty (build the assets with this gorsc)")}
	}
	e := &Engine{opts: opts, log: opts.Logger, tokens: tokens}
	if opts.CacheBytes > 0 {
		e.cache = newCache(opts.CacheBytes)
	}
	fresh, err := e.compile(serverBundle)
	if err != nil {
		return nil, err
	}
	// Scripts compiled now load in one VM before New returns (a bundle
	// that does not load fails here); scripts that loaded before (a
	// restart under "gorsc dev") load in the background, and a first
	// render waits for that VM rather than start another.
	if len(fresh) > 0 {
		v, err := e.newVM()
		if err != nil {
			return nil, err
		}
		e.idle = append(e.idle, v)
		e.live = 1
		e.keep(fresh)
	}
	go e.prestart()
	return e, nil
}

// prestart starts the pool's other VMs in the background, so that the
// first concurrent renders do not wait for them.
func (e *Engine) prestart() {
	defer func() {
		if p := recover(); p != nil {
			e.log.Error("gorsc: starting the server-rendering VMs panicked", "panic", p)
		}
	}()
	for {
		select {
		case <-e.tokens:
		default:
			return // every VM is busy rendering: the pool is being used
		}
		e.mu.Lock()
		if e.closed || e.retired || e.live >= e.opts.Size {
			e.mu.Unlock()
			e.tokens <- struct{}{}
			return
		}
		e.live++
		e.starting++
		e.mu.Unlock()
		start := time.Now()
		v, err := e.newVM()
		e.mu.Lock()
		e.starting--
		if e.startDone != nil {
			close(e.startDone) // takers waiting for it look again
			e.startDone = nil
		}
		if err != nil {
			e.live--
		}
		e.mu.Unlock()
		if err != nil {
			e.tokens <- struct{}{}
			e.log.Error("gorsc: starting a server-rendering VM failed", "err", err)
			return
		}
		e.stats.vmStarts.Add(1)
		e.stats.vmStartNanos.Add(int64(time.Since(start)))
		e.put(v)
		e.tokens <- struct{}{}
	}
}

// compile turns the engine's scripts — host.js, the parts of the server
// bundle (assets.ServerPartSeparator), render.js — into bytecode, which
// every VM evaluates. A script that loaded before, in this process (memo)
// or in another one (Options.CodeCache), is not compiled again: under
// "gorsc dev" an edit compiles only the part with the app's modules. It
// returns the scripts it compiled, which keep goes on to keep once they
// loaded in a VM.
func (e *Engine) compile(bundle []byte) (fresh []compiled, err error) {
	scripts := []string{hostJS}
	for part := range strings.SplitSeq(string(bundle), assets.ServerPartSeparator) {
		scripts = append(scripts, part)
	}
	scripts = append(scripts, renderJS)
	var js *quickjs.VM
	defer func() {
		if js != nil {
			js.Close()
		}
	}()
	e.code = make([][]byte, len(scripts))
	for i, src := range scripts {
		key := codeKey(src)
		if code, ok := memo.get(key); ok {
			e.code[i] = code
			continue
		}
		if e.opts.CodeCache != "" {
			if code, ok := loadCode(e.opts.CodeCache, key); ok {
				memo.put(key, code)
				e.code[i] = code
				continue
			}
		}
		inBundle := i > 0 && i < len(scripts)-1
		if inBundle {
			compiles.Add(1)
		}
		if js == nil {
			if js, err = quickjs.NewVM(); err != nil {
				return nil, err
			}
		}
		code, err := js.Compile(src, quickjs.EvalGlobal)
		if err != nil {
			if inBundle {
				return nil, &BundleError{Err: err}
			}
			return nil, fmt.Errorf("gorsc: internal error: compiling the engine's scripts: %w", err)
		}
		e.code[i] = code
		fresh = append(fresh, compiled{key, code})
	}
	return fresh, nil
}

// compiled is a script's bytecode under its codeKey.
type compiled struct {
	key  string
	code []byte
}

// keep remembers scripts that loaded, in the process and in the
// CodeCache.
func (e *Engine) keep(scripts []compiled) {
	for _, c := range scripts {
		memo.put(c.key, c.code)
		if e.opts.CodeCache != "" {
			if err := saveCode(e.opts.CodeCache, c.key, c.code); err != nil {
				e.log.Warn("gorsc: keeping the compiled server bundle failed", "dir", e.opts.CodeCache, "err", err)
			}
		}
	}
}

// Render renders one client component. It waits for a free VM while ctx
// allows. Failures are one of ThrowError, BrowserGlobalError,
// BudgetError, SuspendedError or BundleError (each with a digest to log
// the error under and to write into the client-rendered boundary), or
// ctx's error.
func (e *Engine) Render(ctx context.Context, req Request) (Result, error) {
	var key [32]byte
	if e.cache != nil {
		key = cacheKey(req)
		if r, ok := e.cache.get(key); ok {
			e.stats.cacheHits.Add(1)
			return r, nil
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	select {
	case <-e.tokens:
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	defer func() { e.tokens <- struct{}{} }()
	v, err := e.take()
	if err != nil {
		return Result{}, err
	}
	start := time.Now()
	res, err := v.run(ctx, req, e.opts.Budget)
	e.stats.renders.Add(1)
	e.stats.renderNanos.Add(int64(time.Since(start)))
	e.put(v)
	if err == nil && e.cache != nil && len(res.Errors) == 0 {
		e.cache.put(key, res)
	}
	return res, err
}

// take returns an idle VM, or starts one.
func (e *Engine) take() (*vm, error) {
	e.mu.Lock()
	for {
		if e.closed {
			e.mu.Unlock()
			return nil, errors.New("gorsc: the server-rendering engine is closed")
		}
		if n := len(e.idle); n > 0 {
			v := e.idle[n-1]
			e.idle = e.idle[:n-1]
			e.mu.Unlock()
			return v, nil
		}
		if e.starting == 0 {
			break
		}
		// A VM is starting in the background: wait for it rather than
		// start another beside it.
		if e.startDone == nil {
			e.startDone = make(chan struct{})
		}
		done := e.startDone
		e.mu.Unlock()
		<-done
		e.mu.Lock()
	}
	e.live++
	e.mu.Unlock()
	start := time.Now()
	v, err := e.newVM()
	if err != nil {
		e.mu.Lock()
		e.live--
		e.mu.Unlock()
		return nil, err
	}
	e.stats.vmStarts.Add(1)
	e.stats.vmStartNanos.Add(int64(time.Since(start)))
	return v, nil
}

// put returns v to the pool, or closes it when it is broken; a later
// render starts a fresh VM in its place.
func (e *Engine) put(v *vm) {
	e.mu.Lock()
	if v.broken || v.retire || e.closed || e.retired {
		e.live--
		e.mu.Unlock()
		if v.broken {
			e.stats.discarded.Add(1)
		}
		v.close()
		return
	}
	e.idle = append(e.idle, v)
	e.mu.Unlock()
}

// Close closes the idle VMs; VMs rendering now close when they finish.
// Render fails after Close.
func (e *Engine) Close() { e.stop(&e.closed) }

// stop sets flag (e.retired or e.closed, under e.mu) and closes the idle
// VMs; the VMs rendering now close when they finish.
func (e *Engine) stop(flag *bool) {
	e.mu.Lock()
	*flag = true
	idle := e.idle
	e.idle = nil
	e.live -= len(idle)
	e.mu.Unlock()
	for _, v := range idle {
		v.close()
	}
}

// Closed reports whether Close was called.
func (e *Engine) Closed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// Stats are counters of an Engine since New.
type Stats struct {
	renders, renderNanos   atomic.Int64
	vmStarts, vmStartNanos atomic.Int64
	discarded, cacheHits   atomic.Int64
}

// StatsSnapshot is a copy of an Engine's counters.
type StatsSnapshot struct {
	Renders     int64         // renders run in a VM (cache hits excluded)
	RenderTime  time.Duration // their total wall time
	CacheHits   int64
	VMStarts    int64 // VMs started after New's first one
	VMStartTime time.Duration
	Discarded   int64 // VMs closed after an interrupt or a panic
	LiveVMs     int
}

// Stats returns the engine's counters.
func (e *Engine) Stats() StatsSnapshot {
	e.mu.Lock()
	live := e.live
	e.mu.Unlock()
	return StatsSnapshot{
		Renders: e.stats.renders.Load(), RenderTime: time.Duration(e.stats.renderNanos.Load()),
		CacheHits: e.stats.cacheHits.Load(),
		VMStarts:  e.stats.vmStarts.Load(), VMStartTime: time.Duration(e.stats.vmStartNanos.Load()),
		Discarded: e.stats.discarded.Load(), LiveVMs: live,
	}
}

// clone copies r so that a cached result is never shared with a caller
// that may change it.
func (r Result) clone() Result {
	return Result{HTML: bytes.Clone(r.HTML), Head: bytes.Clone(r.Head)}
}

// EncodeFormState returns the Request.FormState of a useActionState form
// posted without JavaScript: state is what the action returned, key the
// form's posted $ACTION_KEY field, actionID the action's public id and
// boundArgs the number of arguments bound to the action itself (React
// binds the previous state after them: the posted bound arguments are
// boundArgs+1). These are the four values of React's decodeFormState.
// The browser must receive the same value (for hydrateRoot's formState),
// decoded from the same rows.
func EncodeFormState(state any, key, actionID string, boundArgs int, r flight.Resolver, opts flight.Options) ([]byte, error) {
	return flight.EncodeWith([]any{state, key, actionID, boundArgs}, r, opts)
}
