package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

// chunkApp is an app whose two client components share a module, which
// esbuild splits into a chunk of its own: "/" shows neither (only a Link
// to "/b"), "/b" shows B. The browser has not loaded the shared chunk
// when it navigates to "/b".
func chunkApp(t *testing.T) *gorsc.App {
	t.Helper()
	dir := appDir(t, map[string]string{
		"lib/shared.ts": `export function shout(s: string): string { return s.toUpperCase() + "!".repeat(s.length % 3 + 1); }
export const palette = ["red", "green", "blue", "amber", "violet", "teal", "coral", "slate"];`,
		"components/A.tsx": `"use client";
import { shout, palette } from "../lib/shared";
export default function A() { return <p className="a" style={{ color: palette[0] }}>{shout("a")}</p>; }`,
		"components/B.tsx": `"use client";
import { shout, palette } from "../lib/shared";
export default function B() { return <p className="b" style={{ color: palette[1] }}>{shout("b")}</p>; }`,
	})
	app := &gorsc.App{Dir: dir, Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	layout := func(children gorsc.Node) gorsc.Node {
		return html.HTML(html.Head(html.Meta(html.CharSet("utf-8")), html.Title(html.Text("chunks"))), html.Body(html.Main(children)))
	}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return layout(gorsc.Link("/b", html.Class("to-b"), html.Text("to b"))), nil
	})
	app.Page("/b", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return layout(gorsc.Client("components/B.tsx", nil)), nil
	})
	return app
}

// appDir writes files into a new app directory whose node_modules are
// examples/bench's, and returns it.
func appDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestNavigationLoadsChunksBesideModule: a client component's import row
// names the chunks it imports before the module itself, so on a client
// navigation React's client starts loading them when it reads the row —
// beside the module, not once the module has arrived and imported them.
// B's module is served 300 ms late; its shared chunk must be requested
// before B's module has arrived.
func TestNavigationLoadsChunksBesideModule(t *testing.T) {
	app := chunkApp(t)
	h := http.Handler(app)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/_gorsc/B-") {
			time.Sleep(300 * time.Millisecond)
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	// The row: I["/_gorsc/B-….js",[chunk,chunk,…,"/_gorsc/B-….js","/_gorsc/B-….js"],"default"].
	req, _ := http.NewRequest("GET", srv.URL+"/b", nil)
	req.Header.Set("RSC", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// React 19.3 writes repeated strings of import metadata once, as rows
	// of their own ("$2"): resolve them.
	strs := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^([0-9a-f]+):"([^"]*)"$`).FindAllStringSubmatch(string(body), -1) {
		strs["$"+m[1]] = m[2]
	}
	resolve := func(v string) string {
		v = strings.Trim(v, `"`)
		if s, ok := strs[v]; ok {
			return s
		}
		return v
	}
	var id string
	var chunks []string
	for _, m := range regexp.MustCompile(`(?m):I\[("[^"]*"),\[([^\]]*)\]`).FindAllStringSubmatch(string(body), -1) {
		if strings.HasPrefix(resolve(m[1]), "/_gorsc/B-") {
			id = resolve(m[1])
			for _, c := range strings.Split(m[2], ",") {
				chunks = append(chunks, resolve(c))
			}
		}
	}
	if id == "" {
		t.Fatalf("no import row for B:\n%s", body)
	}
	if len(chunks) < 4 || chunks[len(chunks)-1] != id || !strings.HasPrefix(chunks[0], "/_gorsc/chunk-") {
		t.Fatalf("B's chunks %v: want the shared chunk, then B's own", chunks)
	}
	shared := chunks[0]

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("a.to-b") })
	p.Do(chromedp.Click(chromedp.CSS("a.to-b")))
	testenv.WaitFor(t, "B after the navigation", func() bool { return p.NodeCount("p.b") == 1 })
	if got := p.Text("p.b"); got != "B!!" {
		t.Errorf("B shows %q", got)
	}
	type entry struct {
		Name  string  `json:"name"`
		Start float64 `json:"startTime"`
		End   float64 `json:"responseEnd"`
	}
	entries := testenv.Eval[[]entry](p, `performance.getEntriesByType("resource").map(e => ({name: e.name, startTime: e.startTime, responseEnd: e.responseEnd}))`)
	var mod, chunk *entry
	for i, e := range entries {
		switch {
		case strings.HasSuffix(e.Name, id):
			mod = &entries[i]
		case strings.HasSuffix(e.Name, shared):
			chunk = &entries[i]
		}
	}
	if mod == nil || chunk == nil {
		t.Fatalf("resource timing lacks B's module or the shared chunk %s: %+v", shared, entries)
	}
	if chunk.Start >= mod.End {
		t.Errorf("the shared chunk was requested at %.1f ms, after B's module arrived (%.1f ms): a waterfall", chunk.Start, mod.End)
	}
	p.ExpectNoMessages(true)
}
