// Package devserver is "gorsc dev": it serves an app under development
// behind a proxy that keeps the browser's port up, rebuilds what an edit
// touched, and reloads the browser.
//
//   - A TSX/TS/JS or CSS file, or a file in public/, changed: the running
//     app builds its client code again, incrementally (esbuild's contexts
//     stay alive in the app between builds), and swaps it in; the process
//     is not restarted. gorsc dev asks it through the app's
//     development-only endpoint (protocol.DevRebuild: loopback, with the
//     development secret; see internal/server/dev.go) and waits for its
//     answer — OK, or esbuild's errors — before it reloads the browser.
//     An app without that endpoint (prebuilt assets, an older gorsc) is
//     restarted instead.
//   - A Go file (go.mod, go.sum, cgo) changed, or a file the binary
//     embeds (//go:embed, as go list reports after each build; CSS
//     included): go build, while the old process keeps serving; then the
//     new process replaces it. Requests that arrive during the swap wait
//     for the new process instead of failing. The new process loads the
//     client build the old one saved in .gorsc/dev/assets when none of its
//     files changed, and the compiled server bundle from .gorsc/dev/ssr,
//     so a Go edit costs go build and a process start.
//   - Changes are noticed by the system (inotify, on Linux; polling
//     every Options.Poll as well) and acted on once the files are quiet
//     for 20 ms.
//   - The browser reloads: a small script that the proxy adds to every
//     HTML page (development only) listens for the reload.
//   - The app runs with GORSC_DEV=1 (App.Dev: React's development builds,
//     error details in pages; gorsc.Prebuilt ignores dist/) and a stable
//     GORSC_SECRET kept in .gorsc/dev-secret, so that open tabs keep
//     working across restarts.
//   - A Go compile error (file:line), an esbuild error (file:line:column
//     and the source line), or an app that fails to start, is shown in the
//     browser as an error page and in the terminal; fixing it reloads the
//     page. After an esbuild error the app keeps serving its last good
//     build (to client navigations and actions); pages show the error.
//
// The props types (File.props.ts) and gorsc-env.d.ts are written again
// after each Go build, once the browser reloaded.
package devserver

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/typegen"
)

// Options configure a development server.
type Options struct {
	// Dir is the app directory: its main package, client components and
	// node_modules. Default ".".
	Dir string
	// Addr is the address the browser connects to (default
	// 127.0.0.1:8080). The app itself listens on a free loopback port.
	Addr string
	// Args are passed to the app after -addr.
	Args []string
	// Log receives the terminal messages (default os.Stderr).
	Log io.Writer
	// Poll is how often files are checked for changes besides the file
	// system's notices (default 1 s; 200 ms when the file system gives
	// none).
	Poll time.Duration
	// Types writes the props types after each Go build (default on;
	// set NoTypes to turn it off).
	NoTypes bool
}

// EventsPath is where the injected script listens for reloads.
const EventsPath = "/__gorsc_dev/events"

// Server is a running development server.
type Server struct {
	opts   Options
	dir    string
	work   string // .gorsc/dev
	log    io.Writer
	proxy  *httputil.ReverseProxy
	client *http.Client // for the app's rebuild endpoint

	mu       sync.Mutex
	backend  *url.URL      // nil while none is running
	ready    chan struct{} // closed when backend (or failure) is set
	failure  string        // the build or start error shown in the browser
	failKind failKind
	app      *process // the running app; nil when none
	nbin     int
	bin      string    // the binary last started
	embeds   *embedSet // what the binary embeds; nil until go list answered

	notifier notifier // nil when polling only

	subsMu sync.Mutex
	subs   map[chan string]struct{}
}

// failKind tells what failed, and so what fixes it.
type failKind int

const (
	failNone   failKind = iota
	failGo              // go build: a Go edit fixes it
	failStart           // the process did not start: it is started again on any edit
	failClient          // the running app's client build: the app serves its last good build
)

// Start builds and starts the app, then serves it on ln until ctx ends.
// It returns once the first build has been tried; Wait waits for the end.
func Start(ctx context.Context, opts Options, ln net.Listener) (*Server, error) {
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, dir: dir, work: filepath.Join(dir, ".gorsc", "dev"), log: opts.Log, ready: make(chan struct{}), subs: map[chan string]struct{}{},
		client: &http.Client{Transport: &http.Transport{Proxy: nil}}}
	if err := os.MkdirAll(s.work, 0o755); err != nil {
		return nil, err
	}
	secret, err := devSecret(filepath.Join(dir, ".gorsc", "dev-secret"))
	if err != nil {
		return nil, err
	}
	s.proxy = s.newProxy()
	s.rebuild(ctx, secret, true, "start", time.Now())
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
		s.mu.Lock()
		app := s.app
		s.app, s.backend = nil, nil
		s.mu.Unlock()
		app.stop()
	}()
	go srv.Serve(ln)
	s.goSafe("watching files", func() { s.watch(ctx, secret) })
	return s, nil
}

// newProxy returns the proxy to the app's process: to the one ServeHTTP
// chose (the request context's backendKey), with the reload script added
// to HTML answers.
func (s *Server) newProxy() *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			if b, _ := r.In.Context().Value(backendKey{}).(*url.URL); b != nil {
				r.SetURL(b)
			}
			r.Out.Host = r.In.Host // the app sees the browser's host: same-origin checks of actions pass
			// The app answers uncompressed (the transport below asks for no
			// coding), so that the reload script can go into its HTML; over
			// loopback compression saves nothing.
			r.Out.Header.Del("Accept-Encoding")
		},
		Transport: &http.Transport{DisableCompression: true, Proxy: nil},
		ModifyResponse: func(resp *http.Response) error {
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				resp.Body = injectHead(resp.Body, reloadScript)
				resp.Header.Del("Content-Length")
			}
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			// The process this request went to was stopped for a newer one
			// (a restart after a Go edit) before it answered: a request
			// without a body goes once more, to the new one.
			tried, _ := r.Context().Value(backendKey{}).(*url.URL)
			s.mu.Lock()
			now := s.backend
			s.mu.Unlock()
			if now != nil && now != tried && r.Context().Value(retriedKey{}) == nil && r.Context().Err() == nil && (r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0) {
				ctx := context.WithValue(context.WithValue(r.Context(), backendKey{}, now), retriedKey{}, true)
				s.proxy.ServeHTTP(w, r.WithContext(ctx))
				return
			}
			http.Error(w, "gorsc dev: the app did not answer: "+err.Error(), http.StatusBadGateway)
		},
		FlushInterval: -1, // stream: Suspense boundaries arrive as they complete
	}
}

// Run serves the app in opts.Dir on opts.Addr until ctx ends.
func Run(ctx context.Context, opts Options) error {
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := Start(ctx, opts, ln); err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(opts.logOrStderr(), "gorsc dev: serving http://%s (watching %s)\n", ln.Addr(), opts.dirOrDot())
	<-ctx.Done()
	return nil
}

// goSafe runs f in a goroutine of its own: a panic there is reported in
// the terminal with its stack, and gorsc dev keeps running.
func (s *Server) goSafe(what string, f func()) {
	go func() {
		defer func() {
			if e := recover(); e != nil {
				s.logf("gorsc dev: %s panicked: %v\n%s", what, e, debug.Stack())
			}
		}()
		f()
	}()
}

// logf writes a line to the terminal.
func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.log, format+"\n", args...)
}

func (o Options) logOrStderr() io.Writer {
	if o.Log == nil {
		return os.Stderr
	}
	return o.Log
}

func (o Options) dirOrDot() string {
	if o.Dir == "" {
		return "."
	}
	return o.Dir
}

// devSecret reads the development secret at path, making it on first use.
func devSecret(path string) (string, error) {
	if b, err := os.ReadFile(path); err == nil && len(bytes.TrimSpace(b)) >= 32 {
		return string(bytes.TrimSpace(b)), nil
	}
	b := make([]byte, 32)
	rand.Read(b)
	s := hex.EncodeToString(b)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return s, os.WriteFile(path, []byte(s+"\n"), 0o600)
}

// ServeHTTP serves the reload events, and everything else from the app:
// once it runs (requests wait during a restart), or the error page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case EventsPath:
		s.serveEvents(w, r)
		return
	case ReloadScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/__gorsc_dev/") { // the app's development endpoints are gorsc dev's alone
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	ready := s.ready
	s.mu.Unlock()
	select {
	case <-ready:
	case <-r.Context().Done():
		return
	case <-time.After(2 * time.Minute):
		http.Error(w, "gorsc dev: the app is still starting", http.StatusServiceUnavailable)
		return
	}
	s.mu.Lock()
	failure, kind, backend := s.failure, s.failKind, s.backend
	s.mu.Unlock()
	// After a failed client build the app still serves its last good one:
	// to everything but the pages, which show the error.
	if backend == nil || failure != "" && (kind != failClient || isNavigation(r)) {
		s.serveFailure(w, r, failure, kind)
		return
	}
	s.proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), backendKey{}, backend)))
}

// backendKey is the request context's key for the app process's URL the
// request is proxied to (*url.URL), chosen once in ServeHTTP; retriedKey
// marks a request already sent again after its process was replaced.
type (
	backendKey struct{}
	retriedKey struct{}
)

// isNavigation reports whether r loads a page (not a client navigation's
// Flight request, an action or a file).
func isNavigation(r *http.Request) bool {
	return r.Method == http.MethodGet && r.Header.Get("RSC") != "1" &&
		(r.Header.Get("Sec-Fetch-Dest") == "document" || strings.Contains(r.Header.Get("Accept"), "text/html"))
}

func (s *Server) serveFailure(w http.ResponseWriter, r *http.Request, failure string, kind failKind) {
	if failure == "" {
		failure = "the app is not running"
	}
	title := "The app cannot run"
	if kind == failClient {
		title = "The client code does not build"
	}
	if r.Header.Get("RSC") == "1" || r.Method != http.MethodGet {
		http.Error(w, "gorsc dev: "+failure, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>gorsc dev: error</title>%s</head>`+
		`<body style="margin:0;font-family:system-ui,sans-serif;background:#1e1e24;color:#f3f3f3">`+
		`<div id="gorsc-dev-error" style="max-width:60rem;margin:3rem auto;padding:0 1.5rem">`+
		`<h1 style="color:#ff8a80;font-size:1.3rem">%s</h1>`+
		`<pre style="white-space:pre-wrap;background:#2b2b33;padding:1rem;border-radius:6px;line-height:1.4">%s</pre>`+
		`<p style="color:#aaa">Fix the code: this page reloads by itself.</p></div></body></html>`, reloadScript, title, html.EscapeString(failure))
}

// reloadScript, added to every HTML page, loads reloadJS. It is an
// external async script, not an inline one: an inline script after a
// stylesheet link blocks the parser until the stylesheet has loaded, and
// the runtime's async module could then hydrate a document whose <body>
// the parser had not reached yet.
const reloadScript = `<script src="` + ReloadScriptPath + `" async=""></script>`

// ReloadScriptPath serves reloadJS.
const ReloadScriptPath = "/__gorsc_dev/reload.js"

// reloadJS reloads the page when the development server says so. It
// closes its event stream when the page is hidden (navigated away from,
// or kept in the back/forward cache) and opens it again when the page is
// shown from that cache: open streams would otherwise use up the
// browser's six connections to the host, and pages would stop loading.
const reloadJS = `(function(){var s;function open(){s=new EventSource("` + EventsPath + `");s.addEventListener("reload",function(){s.close();location.reload()})}` +
	`open();addEventListener("pagehide",function(){s.close()});addEventListener("pageshow",function(e){if(e.persisted)open()})})();
`

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan string, 4)
	s.subsMu.Lock()
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	defer func() {
		s.subsMu.Lock()
		delete(s.subs, ch)
		s.subsMu.Unlock()
	}()
	io.WriteString(w, ": connected\n\n")
	fl.Flush()
	for {
		select {
		case ev := <-ch:
			fmt.Fprintf(w, "event: %s\ndata: {}\n\n", ev)
			fl.Flush()
		case <-time.After(25 * time.Second):
			io.WriteString(w, ": ping\n\n")
			fl.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// broadcast sends event to every open page.
func (s *Server) broadcast(event string) {
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- event:
		default:
		}
	}
}

// Subscribers reports how many pages listen for reloads.
func (s *Server) Subscribers() int {
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	return len(s.subs)
}

// rebuild builds the app (unless build is false: the same binary is
// started again), then replaces the running process, and reloads the
// browser. noticed is when the change was seen.
func (s *Server) rebuild(ctx context.Context, secret string, build bool, why string, noticed time.Time) {
	start := time.Now()
	var built time.Duration
	s.mu.Lock()
	bin := s.bin
	s.mu.Unlock()
	if build || bin == "" {
		s.nbin++
		bin = filepath.Join(s.work, fmt.Sprintf("app-%d", s.nbin%2))
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
		cmd.Dir = s.dir
		out, err := cmd.CombinedOutput()
		built = time.Since(start)
		if err != nil {
			msg := "go build failed:\n" + strings.TrimSpace(relPaths(string(out), s.dir))
			fmt.Fprintf(s.log, "gorsc dev: %s: %s\n", why, msg)
			s.fail(msg, failGo)
			return
		}
		s.mu.Lock()
		s.bin = bin
		s.mu.Unlock()
	}
	// The new process starts while the old one serves; requests wait only
	// when none runs.
	swap := time.Now()
	s.mu.Lock()
	old := s.app
	if old == nil && s.isReady() {
		s.ready = make(chan struct{})
	}
	s.mu.Unlock()
	app, err := s.startProcess(ctx, bin, secret, old.stop)
	if err != nil && old != nil && ctx.Err() == nil {
		// It may have needed what the old one holds (a port, a lock):
		// once more, alone.
		old.stop()
		app, err = s.startProcess(ctx, bin, secret, nil)
	}
	if err != nil {
		s.mu.Lock()
		s.app, s.backend = nil, nil
		s.mu.Unlock()
		old.stop()
		msg := "the app did not start:\n" + strings.TrimSpace(relPaths(err.Error(), s.dir))
		fmt.Fprintf(s.log, "gorsc dev: %s: %s\n", why, msg)
		s.fail(msg, failStart)
		return
	}
	s.mu.Lock()
	s.app, s.backend, s.failure, s.failKind = app, app.url, "", failNone
	if !s.isReady() {
		close(s.ready)
	}
	s.mu.Unlock()
	s.broadcast("reload")
	s.goSafe("stopping the old process", old.stop)
	if build {
		// Go files changed, and maybe what they embed: ask go list, once
		// the browser had its turn.
		go func() {
			defer func() {
				if e := recover(); e != nil {
					s.logf("gorsc dev: go list panicked: %v", e)
				}
			}()
			select {
			case <-time.After(time.Second):
				s.refreshEmbeds(ctx)
			case <-ctx.Done():
			}
		}()
		fmt.Fprintf(s.log, "gorsc dev: %s: built in %v, restarted in %v (%v since the change)\n", why, built.Round(time.Millisecond), time.Since(swap).Round(time.Millisecond), time.Since(noticed).Round(time.Millisecond))
		if !s.opts.NoTypes {
			s.goSafe("writing the props types", s.writeTypes) // after the reload: the browser goes first
		}
	} else {
		fmt.Fprintf(s.log, "gorsc dev: %s: restarted in %v\n", why, time.Since(swap).Round(time.Millisecond))
	}
}

// refresh asks the running app to build its client code again
// (protocol.DevRebuild), then reloads the browser, or shows the build's
// errors. With no app running (it failed to start), or an app without the
// endpoint, the app is started again instead.
func (s *Server) refresh(ctx context.Context, secret, why string, noticed time.Time) {
	s.mu.Lock()
	backend, kind := s.backend, s.failKind
	s.mu.Unlock()
	if backend == nil || kind == failStart {
		s.rebuild(ctx, secret, false, why, noticed)
		return
	}
	ans, err := s.askRebuild(ctx, backend, secret)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		fmt.Fprintf(s.log, "gorsc dev: %s: the app did not build its client code (%v); restarting it\n", why, err)
		s.rebuild(ctx, secret, false, why, noticed)
		return
	}
	if !ans.OK {
		msg := ans.Error
		if len(ans.Messages) > 0 {
			e := &bundle.Error{}
			for _, m := range ans.Messages {
				e.Messages = append(e.Messages, bundle.Message{File: m.File, Line: m.Line, Column: m.Column, Text: m.Text, Source: m.Source, Notes: m.Notes})
			}
			msg = strings.TrimPrefix(e.Error(), "gorsc: ")
		}
		fmt.Fprintf(s.log, "gorsc dev: %s: %s\n", why, msg)
		if kind != failGo { // a Go compile error stays in front until fixed
			s.fail(msg, failClient)
		}
		return
	}
	s.mu.Lock()
	if s.failKind == failClient {
		s.failure, s.failKind = "", failNone
	}
	s.mu.Unlock()
	s.broadcast("reload")
	fmt.Fprintf(s.log, "gorsc dev: %s: client code built in %v (esbuild %v), %v since the change\n", why, time.Duration(ans.Millis)*time.Millisecond, time.Duration(ans.BundleMillis)*time.Millisecond, time.Since(noticed).Round(time.Millisecond))
}

// askRebuild posts protocol.DevRebuild to the app at backend and decodes
// its answer; an app without the endpoint is an error.
func (s *Server) askRebuild(ctx context.Context, backend *url.URL, secret string) (protocol.DevRebuildAnswer, error) {
	var ans protocol.DevRebuildAnswer
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute) // Tailwind may take a while
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, backend.String()+protocol.DevRebuild, nil)
	if err != nil {
		return ans, err
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := s.client.Do(req)
	if err != nil {
		return ans, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ans, fmt.Errorf("%s answered %s", protocol.DevRebuild, resp.Status)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(&ans); err != nil {
		return ans, fmt.Errorf("%s: %w", protocol.DevRebuild, err)
	}
	return ans, nil
}

// isReady reports whether s.ready is closed; s.mu is held.
func (s *Server) isReady() bool {
	select {
	case <-s.ready:
		return true
	default:
		return false
	}
}

// fail shows msg in the browser instead of the app, and reloads it.
func (s *Server) fail(msg string, kind failKind) {
	s.mu.Lock()
	s.failure, s.failKind = msg, kind
	if !s.isReady() {
		close(s.ready)
	}
	s.mu.Unlock()
	s.broadcast("reload")
}

// Failure returns the error the browser is shown, or "".
func (s *Server) Failure() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failure
}

func (s *Server) writeTypes() {
	res, err := typegen.Generate(typegen.Options{Dir: s.dir})
	if err != nil {
		fmt.Fprintf(s.log, "gorsc dev: props types: %v\n", err)
		return
	}
	if wrote, err := res.Write(s.dir); err != nil {
		fmt.Fprintf(s.log, "gorsc dev: props types: %v\n", err)
	} else if len(wrote) > 0 {
		fmt.Fprintf(s.log, "gorsc dev: wrote %s\n", strings.Join(wrote, ", "))
	}
	bundle.WriteClientTypes(s.dir)
}

// process is a running app.
type process struct {
	cmd    *exec.Cmd
	out    *lockedBuffer
	exited chan struct{}
	url    *url.URL
	once   sync.Once
}

// slowStart is how long a new process may take to listen before the old
// one stops: it may wait for something the old one holds (a lock).
const slowStart = 5 * time.Second

// startProcess runs bin on a free loopback port and waits until it
// accepts connections (it prepares the app, bundling included, before
// it listens), or exits. slow, unless nil, is called once the process
// took slowStart.
func (s *Server) startProcess(ctx context.Context, bin, secret string, slow func()) (*process, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, append([]string{"-addr", addr}, s.opts.Args...)...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "GORSC_DEV=1", "GORSC_SECRET="+secret)
	out := &lockedBuffer{w: s.log}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, out: out, exited: make(chan struct{}), url: &url.URL{Scheme: "http", Host: addr}}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	start := time.Now()
	for {
		select {
		case <-p.exited:
			return nil, errors.New(out.String())
		case <-ctx.Done():
			p.stop()
			return nil, ctx.Err()
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			out.passThrough() // from now on the app's log goes to the terminal as it comes
			return p, nil
		}
		if slow != nil && time.Since(start) > slowStart {
			slow()
			slow = nil
		}
		if time.Since(start) > 2*time.Minute {
			p.stop()
			return nil, errors.New("the app did not listen on " + addr + " within 2 minutes")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stop ends the process (nil: none): SIGTERM (the app drains its
// requests), then SIGKILL after 5 seconds. It returns once the process
// exited.
func (p *process) stop() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(5 * time.Second):
			p.cmd.Process.Kill()
		}
	})
	<-p.exited
}

// relPaths shortens the app directory's absolute paths in compiler output.
func relPaths(s, dir string) string {
	return strings.ReplaceAll(s, dir+string(filepath.Separator), "")
}

// lockedBuffer keeps what a starting process writes (its start-up error)
// and echoes it to w once the process runs.
type lockedBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	w    io.Writer
	pass bool
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.pass {
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *lockedBuffer) passThrough() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pass = true
	b.w.Write(b.buf.Bytes())
	b.buf.Reset()
}
