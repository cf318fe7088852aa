package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/compress"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/testenv"
)

// gates hold the two Suspense boundaries of /stream?gate=ID until the test
// releases them.
var gates sync.Map // ID → *gate

type gate struct{ one, two chan struct{} }

var gateIDs atomic.Int64

func newGate() (string, *gate) {
	id := fmt.Sprint(gateIDs.Add(1))
	g := &gate{make(chan struct{}), make(chan struct{})}
	gates.Store(id, g)
	return id, g
}

func waitFor(ch <-chan struct{}, class, text string) gorsc.Node {
	return gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
		select {
		case <-ch:
			return html.P(html.Class(class), html.Text(text)), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
}

var lastTitle = make(chan string, 16)

// addItem is the action of the test app: it re-renders "/", so its answer
// carries the page (well over MinSize).
var addItem = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	lastTitle <- form.Get("title")
	gorsc.RevalidatePath(ctx, "/")
	return nil
})

// echo returns its argument and revalidates nothing: a tiny answer.
var echo = gorsc.Action(func(ctx context.Context, s string) (string, error) { return s, nil })

// newApp serves the bench app's client components (its Counter) with
// three pages: "/" (the Counter and 100 items, no Suspense), "/stream"
// (a shell, then two gated boundaries) and "/tiny".
func newApp(t *testing.T, setup func(*gorsc.App)) *gorsc.App {
	t.Helper()
	app := &gorsc.App{Dir: testenv.NodeModules(t, "examples/bench"), Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	layout := func(children gorsc.Node) gorsc.Node {
		return html.HTML(html.Lang("en"), html.Head(html.Meta(html.CharSet("utf-8")), html.Title(html.Text("compress"))),
			html.Body(html.Main(children)))
	}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		items := make([]gorsc.Node, 100)
		for i := range items {
			items[i] = html.Li(gorsc.Key(fmt.Sprint(i)), html.Class("item"), html.Textf("Item %d of the list", i))
		}
		return layout(html.Div(
			gorsc.Client("components/Counter.tsx", nil),
			html.Form(html.Action(addItem), html.Input(html.Name("title")), html.Button(html.Type("submit"), html.Text("Add"))),
			html.Form(html.Action(echo), html.Button(html.Type("submit"), html.Text("Echo"))),
			html.Ul(gorsc.Fragment(items...)),
		)), nil
	})
	app.Page("/stream", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		v, ok := gates.Load(r.URL.Query().Get("gate"))
		if !ok {
			return nil, gorsc.NotFound()
		}
		g := v.(*gate)
		return layout(html.Div(
			html.H1(html.Text("shell")),
			gorsc.Client("components/Counter.tsx", nil),
			gorsc.Suspense(html.P(html.Class("fallback-one"), html.Text("fallback one")), waitFor(g.one, "content-one", "content one")),
			gorsc.Suspense(html.P(html.Class("fallback-two"), html.Text("fallback two")), waitFor(g.two, "content-two", "content two")),
		)), nil
	})
	app.Page("/tiny", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.P(html.Text("tiny")), nil
	})
	if setup != nil {
		setup(app)
	}
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	return app
}

// rawClient sends Accept-Encoding as set and does not decode answers.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func fetch(t *testing.T, req *http.Request, coding string) (*http.Response, []byte) {
	t.Helper()
	if coding != "" {
		req.Header.Set("Accept-Encoding", coding)
	}
	res, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	dec, err := compress.Decode(res.Header.Get("Content-Encoding"), res.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(dec)
	if err != nil {
		t.Fatalf("%s %s (%s): %v", req.Method, req.URL, coding, err)
	}
	return res, b
}

// TestCompressedStreamHTTP reads /stream with each coding over a real
// connection: the shell, then each boundary, decodes on the client before
// the server is allowed to render the next one.
func TestCompressedStreamHTTP(t *testing.T) {
	srv := httptest.NewServer(newApp(t, nil))
	defer srv.Close()
	for _, coding := range compress.Dynamic {
		t.Run(coding, func(t *testing.T) {
			id, g := newGate()
			req, _ := http.NewRequest("GET", srv.URL+"/stream?gate="+id, nil)
			req.Header.Set("Accept-Encoding", coding)
			res, err := rawClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			stop := time.AfterFunc(20*time.Second, func() { res.Body.Close() }) // a part that never comes fails, not hangs
			defer stop.Stop()
			if res.Header.Get("Content-Encoding") != coding || !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
				t.Fatalf("Content-Encoding %q, Vary %q", res.Header.Get("Content-Encoding"), res.Header.Values("Vary"))
			}
			dec, err := compress.Decode(coding, res.Body)
			if err != nil {
				t.Fatal(err)
			}
			r := bufio.NewReader(dec)
			var got strings.Builder
			readUntil := func(marker string) {
				t.Helper()
				buf := make([]byte, 4096)
				for !strings.Contains(got.String(), marker) {
					n, err := r.Read(buf)
					got.Write(buf[:n])
					if err != nil && !strings.Contains(got.String(), marker) {
						t.Fatalf("stream ended (%v) before %q; got:\n%s", err, marker, got.String())
					}
				}
			}
			readUntil(`<p class="fallback-two">fallback two</p>`)
			readUntil("</script>")
			if s := got.String(); strings.Contains(s, "content one") || strings.Contains(s, "content two") {
				t.Fatalf("the shell holds gated content:\n%s", s)
			}
			close(g.one)
			readUntil(`$RC("B:0","S:0")</script>`)
			if strings.Contains(got.String(), "content two") {
				t.Fatal("boundary two arrived before it was released")
			}
			close(g.two)
			readUntil(`$RC("B:1","S:1")</script>`)
			rest, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(got.String()+string(rest), "</body></html>") {
				t.Errorf("the document does not end with </body></html>")
			}
		})
	}
}

// TestCompressedAnswersDecode: the document, the Flight payload of a
// client navigation and an action's answer decode, with each coding, to
// the bytes sent uncompressed; tiny answers go out as is with a
// Content-Length; DisableCompression sends everything as is.
func TestCompressedAnswersDecode(t *testing.T) {
	app := newApp(t, nil)
	srv := httptest.NewServer(app)
	defer srv.Close()
	off := httptest.NewServer(newApp(t, func(a *gorsc.App) { a.DisableCompression = true }))
	defer off.Close()

	_, doc := fetch(t, must(http.NewRequest("GET", srv.URL+"/", nil)), "")
	ids := formIDs(string(doc))
	if len(ids) != 2 {
		t.Fatalf("action ids %v", ids)
	}
	requests := map[string]func(base string) *http.Request{
		"document": func(base string) *http.Request { return must(http.NewRequest("GET", base+"/", nil)) },
		"flight": func(base string) *http.Request {
			r := must(http.NewRequest("GET", base+"/?_rsc", nil))
			r.Header.Set(protocol.Flight, "1")
			return r
		},
		"action": func(base string) *http.Request {
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			mw.WriteField("0", `["$K1"]`)
			mw.WriteField("_1_title", "eggs")
			mw.Close()
			r := must(http.NewRequest("POST", base+"/", &b))
			r.Header.Set("Content-Type", mw.FormDataContentType())
			r.Header.Set("Accept", "text/x-component")
			r.Header.Set(protocol.Action, ids[0])
			return r
		},
	}
	for name, mk := range requests {
		res, plain := fetch(t, mk(srv.URL), "")
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || len(plain) < 2048 {
			t.Fatalf("%s uncompressed: %d, %q, %d bytes", name, res.StatusCode, res.Header.Get("Content-Encoding"), len(plain))
		}
		if name == "action" {
			<-lastTitle
		}
		for _, coding := range compress.Dynamic {
			res, got := fetch(t, mk(srv.URL), coding)
			if name == "action" {
				<-lastTitle
			}
			if res.Header.Get("Content-Encoding") != coding {
				t.Errorf("%s with %s: Content-Encoding %q", name, coding, res.Header.Get("Content-Encoding"))
			}
			if !bytes.Equal(got, plain) {
				t.Errorf("%s with %s decodes to %d bytes that differ from the %d sent as is", name, coding, len(got), len(plain))
			}
		}
		res, got := fetch(t, mk(off.URL), "gzip, br, zstd")
		if name == "action" {
			<-lastTitle
		}
		if res.Header.Get("Content-Encoding") != "" || strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") || len(got) < 2048 {
			t.Errorf("%s with DisableCompression: Content-Encoding %q, Vary %q", name, res.Header.Get("Content-Encoding"), res.Header.Values("Vary"))
		}
	}

	// Tiny answers: a page, and an action that revalidates nothing.
	r := must(http.NewRequest("POST", srv.URL+"/", strings.NewReader(`["hi"]`)))
	r.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	r.Header.Set(protocol.Action, ids[1])
	for _, req := range []*http.Request{must(http.NewRequest("GET", srv.URL+"/tiny?_rsc", nil)), r} {
		if req.Method == "GET" {
			req.Header.Set(protocol.Flight, "1")
		}
		res, got := fetch(t, req, "gzip, br")
		if res.Header.Get("Content-Encoding") != "" || res.Header.Get("Content-Length") != fmt.Sprint(len(got)) {
			t.Errorf("%s %s (%d bytes): Content-Encoding %q, Content-Length %q", req.Method, req.URL.Path, len(got), res.Header.Get("Content-Encoding"), res.Header.Get("Content-Length"))
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// formIDs returns the action ids of a page's forms, in order.
func formIDs(page string) []string {
	var ids []string
	for _, part := range strings.Split(page, `name="$ACTION_ID_`)[1:] {
		id, _, _ := strings.Cut(part, `"`)
		ids = append(ids, id)
	}
	return ids
}

// TestPreloadsClientModules: the document's <head> preloads the chunks of
// the client components the page uses (the Counter's entry and its
// imports), after the runtime's and before the bootstrap script; a page
// without client components preloads the runtime only.
func TestPreloadsClientModules(t *testing.T) {
	app := newApp(t, nil)
	srv := httptest.NewServer(app)
	defer srv.Close()
	_, doc := fetch(t, must(http.NewRequest("GET", srv.URL+"/", nil)), "")
	_, tiny := fetch(t, must(http.NewRequest("GET", srv.URL+"/tiny", nil)), "")
	head := func(doc []byte) string {
		s := string(doc)
		return s[strings.Index(s, "<head>"):strings.Index(s, "</head>")]
	}
	h, th := head(doc), head(tiny)
	counter := strings.Index(h, `<link rel="modulepreload" href="/_gorsc/Counter-`)
	boot := strings.Index(h, `<script type="module" src="/_gorsc/gorsc_bootstrap-`)
	if counter < 0 || boot < counter {
		t.Fatalf("the Counter's entry is not preloaded before the bootstrap script:\n%s", h)
	}
	if strings.Contains(th, "Counter-") || !strings.Contains(th, `<link rel="modulepreload" href="/_gorsc/chunk-`) {
		t.Errorf("a page without the Counter:\n%s", th)
	}
	// Each URL once.
	for _, l := range strings.Split(h, "<link")[1:] {
		if strings.Count(h, l) != 1 {
			t.Errorf("preloaded twice: <link%s", l)
		}
	}
}

// TestCompressedStreamChromium loads /stream in Chromium with gzip and with
// brotli: the fallbacks show, each boundary appears while the next is
// still held on the server, React hydrates without a console message, the
// document and the precompressed runtime came compressed, and the
// Counter's module was requested by the <head>'s modulepreload, before the
// runtime that would otherwise discover it had arrived.
func TestCompressedStreamChromium(t *testing.T) {
	// Prebuilt assets, as "gorsc build" writes them: compressed before the
	// first request (a build made at start compresses in the background).
	built, err := bundle.Build(bundle.Options{Dir: testenv.NodeModules(t, "examples/bench"), PublicPath: protocol.AssetPrefix})
	if err != nil {
		t.Fatal(err)
	}
	if err := built.Precompress(true); err != nil {
		t.Fatal(err)
	}
	dist := t.TempDir()
	if err := built.Save(dist, false); err != nil {
		t.Fatal(err)
	}
	app := newApp(t, func(a *gorsc.App) { a.Assets = os.DirFS(dist) })
	var mu sync.Mutex
	codings := map[string]string{} // path → Content-Encoding sent
	var force atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, _ := force.Load().(string); c != "" {
			r.Header.Set("Accept-Encoding", c) // Chromium accepts all three; choose one
		}
		app.ServeHTTP(w, r)
		mu.Lock()
		codings[r.URL.Path] = w.Header().Get("Content-Encoding")
		mu.Unlock()
	}))
	defer srv.Close()
	for _, coding := range []string{compress.Gzip, compress.Brotli} {
		t.Run(coding, func(t *testing.T) {
			force.Store(coding)
			b := testenv.NewBrowser(t) // a fresh cache
			id, g := newGate()
			p := b.NewPage(true)
			// Navigate without waiting for load: the document is not done
			// until both boundaries are released.
			if _, err := chromedp.Call(p.Ctx, page.Navigate, page.NavigateParams{URL: srv.URL + "/stream?gate=" + id}); err != nil {
				t.Fatal(err)
			}
			testenv.WaitFor(t, "the shell", func() bool { return p.NodeCount("p.fallback-two") == 1 })
			if p.NodeCount("p.fallback-one") != 1 || p.NodeCount("p.content-one") != 0 {
				t.Fatal("the shell lacks fallback one or shows its content")
			}
			close(g.one)
			testenv.WaitFor(t, "boundary one", func() bool { return p.NodeCount("main p.content-one") == 1 })
			if p.NodeCount("p.fallback-two") != 1 || p.NodeCount("p.content-two") != 0 {
				t.Fatal("boundary two changed before it was released")
			}
			close(g.two)
			testenv.WaitFor(t, "boundary two", func() bool { return p.NodeCount("main p.content-two") == 1 })
			testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("p.content-two") })
			p.ExpectNoMessages(true)
			mu.Lock()
			docCoding := codings["/stream"]
			mu.Unlock()
			if docCoding != coding {
				t.Errorf("the document went out with Content-Encoding %q", docCoding)
			}
			type entry struct {
				Name    string  `json:"name"`
				Encoded float64 `json:"encodedBodySize"`
				Decoded float64 `json:"decodedBodySize"`
				Start   float64 `json:"startTime"`
				End     float64 `json:"responseEnd"`
			}
			entries := testenv.Eval[[]entry](p, `performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation")).map(e => ({name: e.name, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize, startTime: e.startTime, responseEnd: e.responseEnd}))`)
			var counter, boot, doc *entry
			for i, e := range entries {
				switch {
				case strings.Contains(e.Name, "/_gorsc/Counter-"):
					counter = &entries[i]
				case strings.Contains(e.Name, "/_gorsc/gorsc_bootstrap-"):
					boot = &entries[i]
				case strings.Contains(e.Name, "/stream?gate="):
					doc = &entries[i]
				}
			}
			if counter == nil || boot == nil || doc == nil {
				t.Fatalf("resource timing lacks the Counter, the runtime or the document: %+v", entries)
			}
			// Without the preload, the runtime would have to arrive and run
			// before it could request the Counter.
			if counter.Start >= boot.End {
				t.Errorf("the Counter's module was requested at %.1f ms, after the runtime arrived (%.1f ms): not preloaded", counter.Start, boot.End)
			}
			if boot.Encoded <= 0 || boot.Encoded != float64(len(built.Encoded[built.Bootstrap][coding])) {
				t.Errorf("the runtime came as %v bytes, not as its precompressed %s copy (%d bytes)", boot.Encoded, coding, len(built.Encoded[built.Bootstrap][coding]))
			}
			if doc.Encoded <= 0 || doc.Encoded >= doc.Decoded {
				t.Errorf("the document came as %v bytes for %v decoded", doc.Encoded, doc.Decoded)
			}
		})
	}
}
