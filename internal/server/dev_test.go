package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/route"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

const devCounter = `"use client";
import { useState } from "react";
export default function Counter() {
  const [n, setN] = useState(0);
  return <button type="button" id="counter" onClick={() => setN(n + 1)}>Count: {n}</button>;
}
`

// devApp writes an app with one client component into a temporary
// directory using examples/bench's npm packages.
func devApp(t *testing.T) string {
	t.Helper()
	nm := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	dir := t.TempDir()
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "components"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "components", "Counter.tsx"), []byte(devCounter), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func devConfig(dir string, logs io.Writer) Config {
	return Config{
		Dir: dir, Dev: true, DevServer: true,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Pages: []Page{{Pattern: "/", Page: route.PageFunc(func(ctx context.Context, r *http.Request) (tree.Node, error) {
			return tree.El("main", &tree.ClientRef{Module: "components/Counter.tsx", Export: "default"}), nil
		})}},
	}
}

// rebuild posts to the rebuild endpoint from addr with the Authorization
// header auth ("" for none).
func rebuild(s *Server, method, addr, auth string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, protocol.DevRebuild, nil)
	r.RemoteAddr = addr
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// TestDevRebuildAuth: the rebuild endpoint exists only under gorsc dev
// (Config.DevServer); there it answers loopback clients only, and only
// with the development secret; the app's middleware does not see it.
func TestDevRebuildAuth(t *testing.T) {
	const secret = "0123456789abcdef0123456789abcdef"
	t.Setenv("GORSC_SECRET", secret)
	dir := devApp(t)
	blocked := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "middleware says no", http.StatusUnauthorized)
		})
	}

	cfg := devConfig(dir, io.Discard)
	cfg.DevServer = false
	prod, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	if w := rebuild(prod, "POST", "127.0.0.1:5000", "Bearer "+secret); w.Code != http.StatusNotFound {
		t.Errorf("without GORSC_DEV: %d %s, want 404", w.Code, w.Body)
	}

	cfg = devConfig(dir, io.Discard)
	cfg.Middleware = []func(http.Handler) http.Handler{blocked}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		name, method, addr, auth string
		code                     int
	}{
		{"from another host", "POST", "192.0.2.1:1234", "Bearer " + secret, http.StatusNotFound},
		{"without the secret", "POST", "127.0.0.1:5000", "", http.StatusForbidden},
		{"with another secret", "POST", "127.0.0.1:5000", "Bearer " + strings.Repeat("0", len(secret)), http.StatusForbidden},
		{"with the secret in another form", "POST", "127.0.0.1:5000", secret, http.StatusForbidden},
		{"GET", "GET", "127.0.0.1:5000", "Bearer " + secret, http.StatusMethodNotAllowed},
		{"from IPv6 loopback", "POST", "[::1]:5000", "Bearer " + secret, http.StatusOK},
		{"from loopback", "POST", "127.0.0.1:5000", "Bearer " + secret, http.StatusOK},
	} {
		w := rebuild(s, c.method, c.addr, c.auth)
		if w.Code != c.code {
			t.Errorf("%s: %d %s, want %d", c.name, w.Code, w.Body, c.code)
		}
	}

	t.Setenv("GORSC_SECRET", "")
	empty, err := New(devConfig(dir, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if w := rebuild(empty, "POST", "127.0.0.1:5000", "Bearer "); w.Code != http.StatusForbidden {
		t.Errorf("with no GORSC_SECRET set: %d, want 403", w.Code)
	}
}

// TestDevRebuild: under gorsc dev, an edit of a client component is
// served after a rebuild without a new Server — the page's server-rendered
// HTML and its module; the files of the build before stay servable; an
// esbuild error comes back as data with its location and source line while
// the last good build keeps being served; and a Server started again
// loads the saved build when nothing changed.
func TestDevRebuild(t *testing.T) {
	const secret = "0123456789abcdef0123456789abcdef"
	t.Setenv("GORSC_SECRET", secret)
	dir := devApp(t)
	var logs syncWriter
	s, err := New(devConfig(dir, &logs))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page := func() string {
		t.Helper()
		res := get(s, "/")
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET /: %d %s", res.StatusCode, b)
		}
		return string(b)
	}
	counterURL := regexp.MustCompile(`/_gorsc/Counter-[A-Z0-9]+\.js`)
	before := page()
	oldURL := counterURL.FindString(before)
	if !strings.Contains(before, "Count: <!-- -->0") || oldURL == "" {
		t.Fatalf("first page: %s", before)
	}
	post := func() protocol.DevRebuildAnswer {
		t.Helper()
		w := rebuild(s, "POST", "127.0.0.1:5000", "Bearer "+secret)
		var ans protocol.DevRebuildAnswer
		if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil || w.Code != 200 {
			t.Fatalf("rebuild: %d %s", w.Code, w.Body)
		}
		return ans
	}
	if ans := post(); !ans.OK || ans.Changed {
		t.Errorf("a rebuild without an edit: %+v, want OK and unchanged", ans)
	}

	write := func(src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "components", "Counter.tsx"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(strings.Replace(devCounter, "Count:", "Clicks:", 1))
	if ans := post(); !ans.OK || !ans.Changed {
		t.Fatalf("a rebuild after an edit: %+v", ans)
	}
	after := page()
	newURL := counterURL.FindString(after)
	if !strings.Contains(after, "Clicks: <!-- -->0") || newURL == oldURL {
		t.Errorf("the page after the rebuild (module %s, before %s): %s", newURL, oldURL, after)
	}
	for _, u := range []string{newURL, oldURL} {
		if res := get(s, u); res.StatusCode != 200 {
			t.Errorf("GET %s: %d", u, res.StatusCode)
		}
	}
	if b, _ := io.ReadAll(get(s, newURL).Body); !bytes.Contains(b, []byte("Clicks:")) {
		t.Error("the new module lacks the edit")
	}

	write(strings.Replace(devCounter, "export default function", "export default functio", 1))
	ans := post()
	if ans.OK || len(ans.Messages) == 0 {
		t.Fatalf("a rebuild of broken code: %+v", ans)
	}
	if m := ans.Messages[0]; m.File != "components/Counter.tsx" || m.Line != 3 || !strings.Contains(m.Source, "export default functio") {
		t.Errorf("the error: %+v, want components/Counter.tsx:3 with its source line", m)
	}
	if p := page(); !strings.Contains(p, "Clicks: <!-- -->0") {
		t.Errorf("after a failed rebuild the page is %s", p)
	}
	write(devCounter)
	if ans := post(); !ans.OK || !ans.Changed {
		t.Fatalf("a rebuild after the fix: %+v", ans)
	}
	if p := page(); !strings.Contains(p, "Count: <!-- -->0") {
		t.Errorf("after the fix the page is %s", p)
	}

	// A new process loads the saved build (written in the background).
	testenv.WaitFor(t, "the saved build", func() bool {
		_, err := os.Stat(filepath.Join(dir, ".gorsc", "dev", "assets", "gorsc-dev-cache.json"))
		return err == nil
	})
	time.Sleep(100 * time.Millisecond) // the last save may still run
	var logs2 syncWriter
	s2, err := New(devConfig(dir, &logs2))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if !strings.Contains(logs2.String(), "loaded the last build") {
		t.Errorf("the second Server did not load the saved build; its log:\n%s", logs2.String())
	}
}

// TestDevPublicFiles: under gorsc dev the public/ folder is served as it
// is now — made after start, then edited (its ETag follows the content).
func TestDevPublicFiles(t *testing.T) {
	t.Setenv("GORSC_SECRET", "0123456789abcdef0123456789abcdef")
	dir := devApp(t)
	s, err := New(devConfig(dir, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res := get(s, "/notes.txt"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("GET /notes.txt before public/ exists: %d", res.StatusCode)
	}
	p := filepath.Join(dir, "public", "notes.txt")
	os.MkdirAll(filepath.Dir(p), 0o755)
	var etags []string
	for _, body := range []string{"one", "two, longer"} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		res := get(s, "/notes.txt")
		got, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || string(got) != body {
			t.Fatalf("GET /notes.txt = %d %q, want %q", res.StatusCode, got, body)
		}
		etags = append(etags, res.Header.Get("Etag"))
	}
	if etags[0] == etags[1] {
		t.Errorf("the ETag stayed %s across an edit", etags[0])
	}
}

type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
