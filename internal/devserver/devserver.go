// Package devserver is "gorsc dev": it serves an app under development
// behind a proxy that keeps the browser's port up, rebuilds and restarts
// the app when its files change, and reloads the browser.
//
//   - A Go file (or anything else the binary may embed, CSS included)
//     changed: go build, while the old process keeps serving; then the
//     new process replaces it. Requests that arrive during the swap wait
//     for the new process instead of failing.
//   - A TSX/TS/JS file changed: the process restarts without go build,
//     and the app bundles its client code again at start.
//   - The browser reloads: a small script that the proxy adds to every
//     HTML page (development only) listens for the reload.
//   - The app runs with GORSC_DEV=1 (App.Dev: React's development builds,
//     error details in pages; gorsc.Prebuilt ignores dist/) and a stable
//     GORSC_SECRET kept in .gorsc/dev-secret, so that open tabs keep
//     working across restarts.
//   - A Go compile error, or an app that fails to start (an esbuild error
//     in the client code, with file:line:column), is shown in the browser
//     as an error page and in the terminal; fixing it reloads the page.
//
// The props types (File.props.ts) and gorsc-env.d.ts are written again
// after each Go build.
package devserver

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
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
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
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
	// Poll is how often files are checked for changes (default 200 ms).
	Poll time.Duration
	// Types writes the props types after each Go build (default on;
	// set NoTypes to turn it off).
	NoTypes bool
}

// EventsPath is where the injected script listens for reloads.
const EventsPath = "/__gorsc_dev/events"

// Server is a running development server.
type Server struct {
	opts  Options
	dir   string
	work  string // .gorsc/dev
	log   io.Writer
	proxy *httputil.ReverseProxy

	mu      sync.Mutex
	backend *url.URL      // nil while none is running
	ready   chan struct{} // closed when backend (or failure) is set
	failure string        // the build or start error shown in the browser
	proc    *exec.Cmd
	procLog *lockedBuffer
	exited  chan struct{}
	nbin    int
	bin     string // the binary last started

	subsMu sync.Mutex
	subs   map[chan string]struct{}
}

// Start builds and starts the app, then serves it on ln until ctx ends.
// It returns once the first build has been tried; Wait waits for the end.
func Start(ctx context.Context, opts Options, ln net.Listener) (*Server, error) {
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	if opts.Poll <= 0 {
		opts.Poll = 200 * time.Millisecond
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, dir: dir, work: filepath.Join(dir, ".gorsc", "dev"), log: opts.Log, ready: make(chan struct{}), subs: map[chan string]struct{}{}}
	if err := os.MkdirAll(s.work, 0o755); err != nil {
		return nil, err
	}
	secret, err := devSecret(filepath.Join(dir, ".gorsc", "dev-secret"))
	if err != nil {
		return nil, err
	}
	s.proxy = &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			s.mu.Lock()
			b := s.backend
			s.mu.Unlock()
			if b != nil {
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
			http.Error(w, "gorsc dev: the app did not answer: "+err.Error(), http.StatusBadGateway)
		},
		FlushInterval: -1, // stream: Suspense boundaries arrive as they complete
	}
	s.rebuild(ctx, secret, true, "start")
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
		s.stop()
	}()
	go srv.Serve(ln)
	go s.watch(ctx, secret)
	return s, nil
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
	if r.URL.Path == EventsPath {
		s.serveEvents(w, r)
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
	failure, backend := s.failure, s.backend
	s.mu.Unlock()
	if failure != "" || backend == nil {
		s.serveFailure(w, r, failure)
		return
	}
	s.proxy.ServeHTTP(w, r)
}

func (s *Server) serveFailure(w http.ResponseWriter, r *http.Request, failure string) {
	if failure == "" {
		failure = "the app is not running"
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
		`<h1 style="color:#ff8a80;font-size:1.3rem">The app cannot run</h1>`+
		`<pre style="white-space:pre-wrap;background:#2b2b33;padding:1rem;border-radius:6px;line-height:1.4">%s</pre>`+
		`<p style="color:#aaa">Fix the code: this page reloads by itself.</p></div></body></html>`, reloadScript, html.EscapeString(failure))
}

// reloadScript reloads the page when the development server says so.
const reloadScript = `<script>(function(){var s=new EventSource("` + EventsPath + `");s.addEventListener("reload",function(){s.close();location.reload()});})();</script>`

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

// rebuild builds the app (unless only client code changed: build false),
// then replaces the running process, and reloads the browser.
func (s *Server) rebuild(ctx context.Context, secret string, build bool, why string) {
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
			s.fail(msg)
			return
		}
		s.mu.Lock()
		s.bin = bin
		s.mu.Unlock()
		if !s.opts.NoTypes {
			go s.writeTypes()
		}
	}
	swap := time.Now()
	s.mu.Lock()
	if s.isReady() {
		s.ready = make(chan struct{}) // requests wait for the new process
	}
	s.mu.Unlock()
	s.stop()
	backend, err := s.startProcess(ctx, bin, secret)
	if err != nil {
		msg := "the app did not start:\n" + strings.TrimSpace(relPaths(err.Error(), s.dir))
		fmt.Fprintf(s.log, "gorsc dev: %s: %s\n", why, msg)
		s.fail(msg)
		return
	}
	s.mu.Lock()
	s.backend, s.failure = backend, ""
	if !s.isReady() {
		close(s.ready)
	}
	s.mu.Unlock()
	if build {
		fmt.Fprintf(s.log, "gorsc dev: %s: built in %v, restarted in %v\n", why, built.Round(time.Millisecond), time.Since(swap).Round(time.Millisecond))
	} else {
		fmt.Fprintf(s.log, "gorsc dev: %s: restarted in %v\n", why, time.Since(swap).Round(time.Millisecond))
	}
	s.broadcast("reload")
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
func (s *Server) fail(msg string) {
	s.mu.Lock()
	s.failure = msg
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

// startProcess runs bin on a free loopback port and waits until it
// accepts connections (it prepares the app, bundling included, before
// it listens), or exits.
func (s *Server) startProcess(ctx context.Context, bin, secret string) (*url.URL, error) {
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
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	s.mu.Lock()
	s.proc, s.procLog, s.exited = cmd, out, exited
	s.mu.Unlock()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case <-exited:
			return nil, errors.New(out.String())
		case <-ctx.Done():
			return nil, ctx.Err()
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			out.passThrough() // from now on the app's log goes to the terminal as it comes
			return &url.URL{Scheme: "http", Host: addr}, nil
		}
		if time.Now().After(deadline) {
			return nil, errors.New("the app did not listen on " + addr + " within 2 minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop ends the running process, if any: SIGTERM (the app drains its
// requests), then SIGKILL after 5 seconds.
func (s *Server) stop() {
	s.mu.Lock()
	cmd, exited := s.proc, s.exited
	s.proc, s.backend = nil, nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
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
