package gorsc_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
)

var panicking = gorsc.Action(func(ctx context.Context) error { panic("boom: hunter2") })

// A panicking action answers 500 with a digest (Flight error row with
// JavaScript, a plain page without), logs the panic with its stack, and
// the server goes on serving.
func TestActionPanicAnswersDigest(t *testing.T) {
	srv, ids := serveActions(t, panicking)
	for _, js := range []bool{true, false} {
		var req *http.Request
		if js {
			req, _ = http.NewRequest("POST", srv.URL+"/", strings.NewReader("[]"))
			req.Header.Set(protocol.Action, ids[0])
		} else {
			req = formPost(t, srv.URL+"/", [][2]string{{"$ACTION_ID_" + ids[0], ""}})
			req.RequestURI = ""
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("js=%v: the connection dropped: %v", js, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 500 || !strings.Contains(string(body), "digest") || strings.Contains(string(body), "hunter2") {
			t.Errorf("js=%v: %d %q; want 500 with a digest only", js, resp.StatusCode, body)
		}
	}
	if resp, err := http.Get(srv.URL + "/"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("the server stopped serving after a panic: %v", err)
	}
}

var redirectTo atomic.Value

var redirecting = gorsc.Action(func(ctx context.Context) error { return gorsc.Redirect(redirectTo.Load().(string)) })

// Redirect targets: only relative and http(s) URLs, and header values in
// ASCII (a UTF-8 path percent-encoded, as the browser would send it).
func TestRedirectTargetsAreSafe(t *testing.T) {
	srv, ids := serveActions(t, redirecting)
	call := func(target string, js bool) *http.Response {
		redirectTo.Store(target)
		var req *http.Request
		if js {
			req, _ = http.NewRequest("POST", srv.URL+"/", strings.NewReader("[]"))
			req.Header.Set(protocol.Action, ids[0])
		} else {
			req = formPost(t, srv.URL+"/", [][2]string{{"$ACTION_ID_" + ids[0], ""}})
			req.RequestURI = ""
		}
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for _, bad := range []string{"javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"} {
		for _, js := range []bool{true, false} {
			resp := call(bad, js)
			if resp.StatusCode != 500 || resp.Header.Get(protocol.Redirect) != "" || resp.Header.Get("Location") != "" {
				t.Errorf("Redirect(%q) js=%v: %d, header %q, Location %q; want 500 and no redirect", bad, js, resp.StatusCode, resp.Header.Get(protocol.Redirect), resp.Header.Get("Location"))
			}
		}
	}
	if resp := call("/tags/café?x=é", true); resp.Header.Get(protocol.Redirect) != "/tags/caf%C3%A9?x=%C3%A9" {
		t.Errorf("redirect header %q; want ASCII /tags/caf%%C3%%A9?x=%%C3%%A9", resp.Header.Get(protocol.Redirect))
	}
	if resp := call("https://example.com/ok", false); resp.StatusCode != 303 || resp.Header.Get("Location") != "https://example.com/ok" {
		t.Errorf("an https redirect: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// "/about/" for a page at "/about" answers 308 to the canonical URL, as
// Next.js does; unknown paths with a slash stay 404.
func TestTrailingSlashRedirects(t *testing.T) {
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/about", func(ctx context.Context, r *http.Request) (gorsc.Node, error) { return html.P(html.Text("about")), nil })
		app.Page("/notes/{id}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) { return html.P(html.Text("note")), nil })
	})
	for path, want := range map[string]string{"/about/": "/about", "/notes/7/?q=1": "/notes/7?q=1"} {
		resp, _ := do(t, app, httptest.NewRequest("GET", path, nil))
		if resp.StatusCode != http.StatusPermanentRedirect || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d %q; want 308 to %s", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	if resp, _ := do(t, app, httptest.NewRequest("GET", "/nothing/", nil)); resp.StatusCode != 404 {
		t.Errorf("GET /nothing/: %d, want 404", resp.StatusCode)
	}
}

// A page without a root layout still gets a document: doctype, <head>
// with the bootstrap script, so its client components render.
func TestPageWithoutLayoutGetsDocument(t *testing.T) {
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.Div(html.H1(html.Text("Todos")), gorsc.Client("components/Counter.tsx#Counter", nil)), nil
		})
	})
	_, body := do(t, app, httptest.NewRequest("GET", "/", nil))
	for _, want := range []string{`<!DOCTYPE html><html><head><meta charSet="utf-8"/>`, `<script type="module" src="/_gorsc/bootstrap-FIXTURE.js"`, `<body><div><h1>Todos</h1>`} {
		if !strings.Contains(body, want) {
			t.Errorf("document lacks %q:\n%s", want, body)
		}
	}
}

// The recommended server closes connections that never finish their
// headers (2,000 half-open connections, all closed by the timeout).
func TestServerClosesHalfOpenConnections(t *testing.T) {
	app, _ := newApp(t, func(app *gorsc.App) {})
	srv := app.Server("127.0.0.1:0")
	srv.ReadHeaderTimeout = 300 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	const n = 2000
	conns := make([]net.Conn, 0, n)
	for range n {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
		conns = append(conns, c)
	}
	closed := 0
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(30 * time.Second)) // generous: a loaded machine accepts late
		if _, err := io.ReadAll(c); err == nil {
			closed++ // EOF: the server closed it
		}
	}
	if closed != n {
		t.Errorf("%d of %d half-open connections closed by the server", closed, n)
	}
}

// Serve drains in-flight requests when its context ends (SIGTERM for
// ListenAndServe): a streaming page started before the shutdown finishes.
func TestServeDrainsInFlightRequests(t *testing.T) {
	release := make(chan struct{})
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Body(gorsc.Suspense(html.P(html.Text("wait")), waitFor(release, "done")))), nil
		})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- app.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(resp.Body)
	var got strings.Builder
	readUntil(t, r, &got, "wait")
	stop() // shutdown begins while the boundary is pending
	time.Sleep(50 * time.Millisecond)
	if _, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		t.Error("the listener still accepts connections during shutdown")
	}
	close(release)
	rest, err := io.ReadAll(r)
	if err != nil || !strings.Contains(string(rest), "done") || !strings.HasSuffix(string(rest), "</html>") {
		t.Errorf("the in-flight stream was cut: %v\n%s", err, rest)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v after a clean shutdown", err)
	}
}

// A client that goes away mid-stream is not an error: nothing is logged
// at error level for its pending boundaries.
func TestClientGoneIsNotAnError(t *testing.T) {
	never := make(chan struct{})
	srv, logs := streamApp(t, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(
			gorsc.Suspense(html.P(html.Text("a")), waitFor(never, "x")),
			gorsc.Suspense(html.P(html.Text("b")), waitFor(never, "y")),
		)), nil
	})
	for range 5 {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/", nil)
		resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		readUntil(t, bufio.NewReader(resp.Body), &got, `<script id="_R_">`)
		cancel()
		resp.Body.Close()
	}
	time.Sleep(200 * time.Millisecond)
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("client disconnects were logged as errors:\n%s", logs.String())
	}
}

// newAdd is an action constructor: its closure captures the store.
//
//go:noinline
func newAdd(store *[]string, opts ...gorsc.ActionOption) *gorsc.ServerAction {
	return gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
		*store = append(*store, form.Get("title"))
		return nil
	}, opts...)
}

// Two closures of one function literal (actions made by a constructor)
// cannot silently share an id: the second registration panics, and Named
// gives each its own.
func TestClosureActionsNeedNames(t *testing.T) {
	var a, b []string
	newAdd(&a)
	func() {
		defer func() {
			if e := recover(); e == nil || !strings.Contains(fmt.Sprint(e), "gorsc.Named") {
				t.Errorf("a second closure registered silently (recovered %v)", e)
			}
		}()
		newAdd(&b)
	}()
	addA := newAdd(&a, gorsc.Named("test.closures.a"))
	addB := newAdd(&b, gorsc.Named("test.closures.b"))
	srv, ids := serveActions(t, addA, addB)
	for i, title := range []string{"for a", "for b"} {
		req := formPost(t, srv.URL+"/", [][2]string{{"$ACTION_ID_" + ids[i], ""}, {"title", title}})
		req.RequestURI = ""
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil || resp.StatusCode != 303 {
			t.Fatalf("post %d: %v %v", i, err, resp)
		}
	}
	if len(a) != 1 || a[0] != "for a" || len(b) != 1 || b[0] != "for b" {
		t.Errorf("each closure must run with its own captured store: a=%v b=%v", a, b)
	}
	func() {
		defer func() {
			if e := recover(); e == nil {
				t.Error("two actions with one explicit name registered")
			}
		}()
		newAdd(&b, gorsc.Named("test.closures.a"))
	}()
}
