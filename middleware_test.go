package gorsc_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/testenv"
)

// Middleware wraps everything the app serves, and no request header can
// skip it (CVE-2025-29927 let a header skip Next.js middleware).
func TestMiddlewareCannotBeBypassed(t *testing.T) {
	testenv.NodeModules(t, "examples/bench")
	app := &gorsc.App{Dir: "examples/bench", Secret: []byte("s")}
	app.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c, err := r.Cookie("session"); err != nil || c.Value != "ok" {
				http.Error(w, "login required", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(html.P(html.Text("secret page")))), nil
	})
	app.Handle("GET /api/data", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret data")) }))
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method, path string
		headers      map[string]string
	}{
		{"GET", "/", nil},
		{"GET", "/", map[string]string{"x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware"}},
		{"GET", "/", map[string]string{"RSC": "1"}},
		{"POST", "/", map[string]string{protocol.Action: "0000", "Content-Type": "text/plain"}},
		{"GET", "/api/data", map[string]string{"X-Forwarded-For": "127.0.0.1"}},
		{"GET", "/_gorsc/x.js", nil},
		{"GET", "/nope", nil},
	} {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader("[]"))
		for k, v := range c.headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized || strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("%s %s %v: %d %q, want 401 from the middleware", c.method, c.path, c.headers, rec.Code, rec.Body.String())
		}
	}
	// With the cookie, the page and the route handler answer.
	for _, path := range []string{"/", "/api/data"} {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "session", Value: "ok"})
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("GET %s with the cookie: %d", path, rec.Code)
		}
	}
}

// A page that returns Unauthorized answers 401 with the message inside
// its layout.
func TestPageUnauthorized(t *testing.T) {
	testenv.NodeModules(t, "examples/bench")
	app := &gorsc.App{Dir: "examples/bench", Secret: []byte("s")}
	app.Layout(func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
		return html.HTML(html.Body(html.Nav(html.Text("site")), html.Main(children))), nil
	})
	app.Page("/admin", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		if r.Header.Get("X-User") != "admin" {
			return nil, gorsc.Unauthorized()
		}
		return html.P(html.Text("admin area")), nil
	})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/admin", nil))
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "<nav>site</nav><main><h1>401:") || strings.Contains(rec.Body.String(), "admin area") {
		t.Errorf("GET /admin = %d:\n%s", rec.Code, rec.Body.String())
	}
	req := httptest.NewRequest("GET", "/admin", nil)
	req.Header.Set("X-User", "admin")
	rec = httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "admin area") {
		t.Errorf("GET /admin as admin = %d", rec.Code)
	}
}

// App.MaxFileBytes limits each uploaded file: 413 naming the field.
func TestMaxFileBytes(t *testing.T) {
	app := newTestApp(t, "s", func(app *gorsc.App) { app.MaxFileBytes = 10 })
	id := actionID(t, app)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("$ACTION_ID_"+id, "")
	fw, _ := w.CreateFormFile("avatar", "a.png")
	fw.Write(bytes.Repeat([]byte{1}, 11))
	w.Close()
	req := httptest.NewRequest("POST", "/", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, body := do(t, app, req)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, `"avatar"`) {
		t.Errorf("status %d %q, want 413 naming the field", resp.StatusCode, body)
	}
}
