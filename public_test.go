package gorsc_test

import (
	"io/fs"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gorsc/gorsc"
)

// Files of public/ are served at "/" paths from the prebuilt assets, with
// content types, ETags (304), ranges (206), and long caching only for
// hashed names.
func TestPublicFiles(t *testing.T) {
	assets := fstest.MapFS{
		"public/hello.txt":          {Data: []byte("hello, world")},
		"public/img/logo.svg":       {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"public/app.3f2a9c1b7d.css": {Data: []byte("body{margin:0}")},
		"public/.env":               {Data: []byte("SECRET=1")},
	}
	fixture := os.DirFS("testdata/assets")
	fs.WalkDir(fixture, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(fixture, p)
			assets[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	app, _ := newApp(t, func(app *gorsc.App) { app.Assets = assets })

	resp, body := do(t, app, httptest.NewRequest("GET", "/hello.txt", nil))
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || body != "hello, world" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || etag == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age=0") {
		t.Fatalf("GET /hello.txt: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	req := httptest.NewRequest("GET", "/hello.txt", nil)
	req.Header.Set("If-None-Match", etag)
	if resp, _ := do(t, app, req); resp.StatusCode != 304 {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	req = httptest.NewRequest("GET", "/hello.txt", nil)
	req.Header.Set("Range", "bytes=7-11")
	if resp, body := do(t, app, req); resp.StatusCode != 206 || body != "world" {
		t.Errorf("Range: %d %q, want 206 \"world\"", resp.StatusCode, body)
	}
	if resp, _ := do(t, app, httptest.NewRequest("GET", "/img/logo.svg", nil)); resp.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("svg content type %q", resp.Header.Get("Content-Type"))
	}
	if resp, _ := do(t, app, httptest.NewRequest("GET", "/app.3f2a9c1b7d.css", nil)); !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("a hashed name must be cached long: %q", resp.Header.Get("Cache-Control"))
	}
	for _, p := range []string{"/.env", "/img", "/img/", "/nothing.txt"} {
		if resp, _ := do(t, app, httptest.NewRequest("GET", p, nil)); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
}
