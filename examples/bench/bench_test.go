package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/tree"
)

// Benchmarks of the hot paths of the "/" page (200 items and the Counter):
//
//	go test -run '^$' -bench . -benchmem ./examples/bench
//	go test -run '^$' -bench HomeHTML -cpuprofile cpu.out ./examples/bench && go tool pprof -top cpu.out

// fakeResolver stands in for the app's bundle manifest and action ids.
type fakeResolver struct{}

func (fakeResolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	u := "/_gorsc/" + strings.TrimSuffix(module, ".tsx") + "-ABCDEFGH.js"
	return flight.ClientMeta{ID: u, Chunks: []string{u, u}, Name: export}, nil
}
func (fakeResolver) ActionID(a tree.ActionRef) (string, error) {
	return "0123456789abcdef0123456789abcdef01234567", nil
}
func (fakeResolver) EncodeBound(args []any) (string, error) {
	b, err := flight.EncodePlain(args)
	return string(b), err
}

func homeTree(b *testing.B) tree.Node {
	req := httptest.NewRequest("GET", "/", nil)
	page, err := HomePage(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	root, err := RootLayout(context.Background(), req, page)
	if err != nil {
		b.Fatal(err)
	}
	return root
}

func BenchmarkHomeRender(b *testing.B) {
	root := homeTree(b)
	b.ReportAllocs()
	for b.Loop() {
		res, err := render.Render(context.Background(), root, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res.Wait()
	}
}

func BenchmarkHomeFlight(b *testing.B) {
	res, err := render.Render(context.Background(), homeTree(b), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	root := res.Root
	b.ReportAllocs()
	for b.Loop() {
		out, err := flight.Encode(root, fakeResolver{})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

func BenchmarkHomeHTMLWriter(b *testing.B) {
	res, err := render.Render(context.Background(), homeTree(b), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	root := res.Root
	b.ReportAllocs()
	for b.Loop() {
		out, err := fizz.Render(root, fakeResolver{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

func benchApp(b *testing.B, setup ...func(*gorsc.App)) http.Handler {
	app := NewApp(".")
	for _, f := range setup {
		f(app)
	}
	if err := app.Prepare(); err != nil {
		b.Skip("bench app does not build (run npm ci in examples/bench):", err)
	}
	waitPrecompressed(b, app)
	return app
}

// waitPrecompressed waits until the app serves its runtime with brotli:
// Prepare compresses a bundle made at start in the background, which
// would otherwise land in the first measured iterations.
func waitPrecompressed(b *testing.B, app http.Handler) {
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	_, after, ok := strings.Cut(rec.Body.String(), `<script type="module" src="`)
	src, _, _ := strings.Cut(after, `"`)
	if !ok || src == "" {
		b.Fatalf("no runtime script in the page")
	}
	for range 400 {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", src, nil)
		req.Header.Set("Accept-Encoding", "br")
		app.ServeHTTP(rec, req)
		if rec.Header().Get("Content-Encoding") == "br" {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	b.Fatalf("%s was not served compressed within 10 s", src)
}

// benchGets measures GET path through app's handler, checking for 200.
func benchGets(b *testing.B, app http.Handler, path string) {
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkHomeRequest is a whole GET / through the handler: page
// function, render, Flight, HTML with the inline Flight. No network.
func BenchmarkHomeRequest(b *testing.B) {
	app := benchApp(b)
	benchGets(b, app, "/")
}

// BenchmarkHomeRequestAllRows is BenchmarkHomeRequest with every Flight
// row inline (App.InlineAllRows): what rebuilding the list's rows from
// its HTML in the browser costs the server is the difference.
func BenchmarkHomeRequestAllRows(b *testing.B) {
	app := benchApp(b, func(app *gorsc.App) { app.InlineAllRows = true })
	benchGets(b, app, "/")
}

// BenchmarkHomeRequestNoSSR is BenchmarkHomeRequest with the Counter
// left to the browser (App.SSR.Disabled): the cost of server-rendering it
// is the difference.
func BenchmarkHomeRequestNoSSR(b *testing.B) {
	app := benchApp(b, func(app *gorsc.App) { app.SSR.Disabled = true })
	benchGets(b, app, "/")
}

// BenchmarkCachedHomeRequest is GET /cached, the home page served from the
// page cache (gorsc.CachePage): what it costs is the cache lookup and the
// write of the kept bytes.
func BenchmarkCachedHomeRequest(b *testing.B) {
	app := benchApp(b)
	benchGets(b, app, "/cached")
}

// BenchmarkHomeFlightRequest is GET / with "RSC: 1" through the handler.
func BenchmarkHomeFlightRequest(b *testing.B) {
	app := benchApp(b)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("RSC", "1")
		app.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkTodosRequest is GET /todos with the list full (100 todos, each
// with a Delete form whose bound id is sealed), as under the action load.
func BenchmarkTodosRequest(b *testing.B) {
	app := benchApp(b)
	for len(todos.list()) < maxTodos {
		todos.add("bench todo")
	}
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, httptest.NewRequest("GET", "/todos", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkActionRequest is the add-todo action as the browser runtime
// posts it (the Gorsc-Action header and React encodeReply's multipart
// body, as bench/wrk-action.lua sends it), with the list full: the action
// runs and /todos is re-rendered with 100 sealed bound Delete actions.
func BenchmarkActionRequest(b *testing.B) {
	app := benchApp(b)
	for len(todos.list()) < maxTodos {
		todos.add("bench todo")
	}
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/todos", nil))
	_, rest, ok := strings.Cut(rec.Body.String(), "ACTION_ID_")
	if !ok || len(rest) < 40 {
		b.Fatal("no action id in /todos")
	}
	id := rest[:40]
	const boundary = "----gorscbenchboundary7MA4YWxkTrZu0gW"
	part := func(name, value string) string {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"
	}
	body := part("_1_title", "bench todo") + part("0", `["$K1"]`) + "--" + boundary + "--\r\n"
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/todos", strings.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
		req.Header.Set("Accept", "text/x-component")
		req.Header.Set("Gorsc-Action", id)
		req.Header.Set("Origin", "http://example.com")
		app.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
}
