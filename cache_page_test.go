package gorsc_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/compress"
	"github.com/gorsc/gorsc/internal/protocol"
)

// userKey is a context key a middleware sets (a signed-in user).
type userKey struct{}

// cachedPageApp is cacheApp with cached pages; pageRenders counts their
// renders (per app: background renders of one test never reach another's
// count).
func cachedPageApp(t *testing.T, setup ...func(*gorsc.App)) (app *gorsc.App, logs *syncBuffer, pageRenders *atomic.Int64) {
	t.Helper()
	pageRenders = &atomic.Int64{}
	app, logs = cacheApp(t, func(app *gorsc.App) {
		app.Use(func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, "alice")))
			})
		})
		app.Segment("/cp", gorsc.Segment{Layout: func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
			return html.HTML(html.Body(html.Div(html.Class("cp-layout"), children))), nil
		}})
		app.Page("/cp/{id}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			n := pageRenders.Add(1)
			c, _ := r.Cookie("session")
			return html.Main(
				html.H1(html.Text("item "+r.PathValue("id"))),
				html.P(html.ID("render"), html.Text(fmt.Sprint(n))),
				html.P(html.ID("visitor"), html.Text(fmt.Sprintf("query=%q cookie=%v ua=%q user=%v", r.URL.RawQuery, c, r.UserAgent(), ctx.Value(userKey{})))),
				cachedTodoList("cp"),
				html.Form(html.Action(updateTodos)), html.Form(html.Action(revalidateTodosPath)),
			), nil
		}, gorsc.CachePage(gorsc.CacheTags("cp")))
		app.Page("/cp-reads-request", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Body(html.Text(gorsc.RequestFrom(ctx).Header.Get("X-User")))), nil
		}, gorsc.CachePage())
		app.Page("/cp-short", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Body(html.P(html.ID("render"), html.Text(fmt.Sprint(pageRenders.Add(1)))))), nil
		}, gorsc.CachePage(gorsc.CacheLife(0, time.Hour)))
		app.Page("/cp-missing", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			pageRenders.Add(1)
			return nil, gorsc.NotFound()
		}, gorsc.CachePage())
		for _, f := range setup {
			f(app)
		}
	})
	return app, logs, pageRenders
}

func renderOf(body string) string {
	_, after, _ := strings.Cut(body, `<p id="render">`)
	n, _, _ := strings.Cut(after, "<")
	return n
}

func TestCachedPageRendersOnce(t *testing.T) {
	app, _, pageRenders := cachedPageApp(t)
	setTodos("milk")
	req := func() *http.Request {
		r := httptest.NewRequest("GET", "/cp/1?secret=1", nil)
		r.Header.Set("Cookie", "session=alice")
		r.Header.Set("User-Agent", "alice's browser")
		return r
	}
	resp, first := do(t, app, req())
	if resp.StatusCode != 200 || !strings.Contains(first, "<li>milk</li>") {
		t.Fatalf("%d\n%s", resp.StatusCode, first)
	}
	// Nothing of the visitor reaches the page.
	if !strings.Contains(first, `query=&quot;&quot; cookie= ua=&quot;&quot; user=&lt;nil&gt;`) {
		t.Errorf("the cached page saw the visitor's request:\n%s", first)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") != "public, no-cache" {
		t.Errorf("headers: %v", resp.Header)
	}
	for range 3 {
		resp, body := do(t, app, req())
		if body != first || resp.Header.Get("ETag") != etag {
			t.Errorf("a later request got another answer")
		}
	}
	if n := pageRenders.Load(); n != 1 {
		t.Errorf("4 requests rendered the page %d times, want 1", n)
	}
	// Conditional requests, HEAD.
	r := req()
	r.Header.Set("If-None-Match", etag)
	if resp, body := do(t, app, r); resp.StatusCode != 304 || body != "" {
		t.Errorf("If-None-Match: %d %q", resp.StatusCode, body)
	}
	if resp, body := do(t, app, httptest.NewRequest("HEAD", "/cp/1", nil)); resp.StatusCode != 200 || body != "" || resp.Header.Get("ETag") != etag {
		t.Errorf("HEAD: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	// Another path value is another page.
	if body := getBody(t, app, "/cp/2"); !strings.Contains(body, "item 2") || renderOf(body) != "2" {
		t.Errorf("/cp/2:\n%s", body)
	}
	// Flight: whole tree and partial answers are kept apart from the
	// document, each rendered once.
	fl := func(segments string) (*http.Response, string) {
		r := httptest.NewRequest("GET", "/cp/1", nil)
		r.Header.Set(protocol.Flight, "1")
		if segments != "" {
			r.Header.Set(protocol.Segments, segments)
		}
		return do(t, app, r)
	}
	_, whole := fl("")
	_, partial := fl("/,/cp")
	resp, partial2 := fl("/,/cp")
	if !strings.Contains(whole, `0:["$","html"`) || whole == partial || partial != partial2 || resp.Header.Get(protocol.Slot) != "/cp" {
		t.Errorf("flight answers:\n%s\n%s\n%v", whole, partial, resp.Header)
	}
	if n := pageRenders.Load(); n != 4 {
		t.Errorf("renders: %d, want 4 (two documents, a whole and a partial Flight answer)", n)
	}
}

// The tags of the cached data a page shows reach the page: an action's
// UpdateTag expires it; RevalidatePath of a parent expires it.
func TestCachedPageInvalidation(t *testing.T) {
	app, _, pageRenders := cachedPageApp(t)
	setTodos("milk")
	getBody(t, app, "/cp/1")
	refs := ids(t, app, "/cp/1")
	update, byPath := refs[0], refs[1]

	resp, body := callJS(t, app, "/cp/1", update, `["eggs"]`)
	if resp.StatusCode != 200 || !strings.Contains(body, "eggs") {
		t.Fatalf("action on a cached page: %d\n%s", resp.StatusCode, body)
	}
	if body := getBody(t, app, "/cp/1"); !strings.Contains(body, "<li>eggs</li>") {
		t.Errorf("after UpdateTag of data it shows, the cached page is old:\n%s", body)
	}
	n := pageRenders.Load()
	callJS(t, app, "/cp/1", byPath, `["bread","/elsewhere"]`)
	if body := getBody(t, app, "/cp/1"); strings.Contains(body, "bread") || pageRenders.Load() != n {
		t.Errorf("RevalidatePath(/elsewhere) re-rendered /cp/1")
	}
	callJS(t, app, "/cp/1", byPath, `["bread","/cp"]`)
	if body := getBody(t, app, "/cp/1"); !strings.Contains(body, "<li>bread</li>") {
		t.Errorf("after RevalidatePath(/cp), the cached page is old:\n%s", body)
	}
	// The page's own tag, from a webhook: stale once, then fresh.
	n = pageRenders.Load()
	do(t, app, httptest.NewRequest("POST", "/hook?tag=cp", nil))
	getBody(t, app, "/cp/1")
	deadline := time.Now().Add(5 * time.Second)
	for pageRenders.Load() == n {
		if time.Now().After(deadline) {
			t.Fatal("RevalidateTag(cp) never re-rendered the page")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// After its fresh lifetime, the page is served stale and rendered again
// in the background.
func TestCachedPageLifetime(t *testing.T) {
	app, _, _ := cachedPageApp(t)
	first := renderOf(getBody(t, app, "/cp-short"))
	second := renderOf(getBody(t, app, "/cp-short"))
	if first != "1" || second != "1" {
		t.Errorf("renders %s, %s: the second request gets the stale page", first, second)
	}
	deadline := time.Now().Add(5 * time.Second)
	for renderOf(getBody(t, app, "/cp-short")) == "1" {
		if time.Now().After(deadline) {
			t.Fatal("the page was never rendered again")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCachedPageReadingRequestFails(t *testing.T) {
	app, logs, _ := cachedPageApp(t)
	r := httptest.NewRequest("GET", "/cp-reads-request", nil)
	r.Header.Set("X-User", "alice")
	resp, body := do(t, app, r)
	if resp.StatusCode != 500 || strings.Contains(body, "alice") {
		t.Errorf("%d\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "cached page /cp-reads-request (gorsc.CachePage) read the request (RequestFrom)") {
		t.Errorf("the log does not name the page:\n%s", logs)
	}
}

// Not-found answers are not cached.
func TestCachedPageNotFound(t *testing.T) {
	app, _, pageRenders := cachedPageApp(t)
	for range 2 {
		if resp, _ := do(t, app, httptest.NewRequest("GET", "/cp-missing", nil)); resp.StatusCode != 404 || resp.Header.Get("ETag") != "" {
			t.Errorf("%d %v", resp.StatusCode, resp.Header)
		}
	}
	if n := pageRenders.Load(); n != 2 {
		t.Errorf("renders: %d, want 2", n)
	}
}

// A cached page asked for compressed goes out compressed, with its
// Content-Length and a weak ETag that still validates; each coding
// decodes to the identity answer.
func TestCachedPageCompressed(t *testing.T) {
	app, _, pageRenders := cachedPageApp(t)
	setTodos("milk")
	_, plain := do(t, app, httptest.NewRequest("GET", "/cp/1", nil))
	for _, coding := range []string{"gzip", "br", "zstd"} {
		for i := range 2 {
			r := httptest.NewRequest("GET", "/cp/1", nil)
			r.Header.Set("Accept-Encoding", coding)
			resp, body := do(t, app, r)
			if got := resp.Header.Get("Content-Encoding"); got != coding {
				t.Fatalf("%s #%d: Content-Encoding %q", coding, i, got)
			}
			if cl := resp.Header.Get("Content-Length"); cl != fmt.Sprint(len(body)) {
				t.Errorf("%s #%d: Content-Length %q for %d bytes", coding, i, cl, len(body))
			}
			dec, err := compress.Decode(coding, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(dec)
			if err != nil || string(got) != plain {
				t.Fatalf("%s #%d: decodes to %d bytes (%v), want the identity answer (%d)", coding, i, len(got), err, len(plain))
			}
			etag := resp.Header.Get("ETag")
			if !strings.HasPrefix(etag, `W/"`) || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Encoding") {
				t.Errorf("%s: ETag %q, Vary %q", coding, etag, resp.Header.Values("Vary"))
			}
			r = httptest.NewRequest("GET", "/cp/1", nil)
			r.Header.Set("Accept-Encoding", coding)
			r.Header.Set("If-None-Match", etag)
			if resp, _ := do(t, app, r); resp.StatusCode != 304 {
				t.Errorf("%s: If-None-Match %s: %d, want 304", coding, etag, resp.StatusCode)
			}
		}
	}
	r := httptest.NewRequest("HEAD", "/cp/1", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	if resp, body := do(t, app, r); resp.StatusCode != 200 || body != "" {
		t.Errorf("HEAD: %d %q", resp.StatusCode, body)
	}
	if n := pageRenders.Load(); n != 1 {
		t.Errorf("rendered %d times, want 1", n)
	}
}
