package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
)

// embedApp is a small app that embeds its build as the README documents.
var embedApp = map[string]string{
	"main.go": `package main

import (
	"context"
	"embed"
	"flag"
	"log"
	"net/http"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

//go:embed all:dist
var dist embed.FS

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	app := &gorsc.App{Secret: []byte("test secret")}
	app.Assets = gorsc.Prebuilt(dist, "dist")
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.Main(html.H1(html.Text("Embedded")),
			gorsc.Client("components/Counter.tsx", nil)), nil
	})
	if err := app.ListenAndServe(*addr); err != nil {
		log.Fatal(err)
	}
}
`,
	"components/Counter.tsx": `"use client";
import { useState } from "react";
export default function Counter() {
  const [n, setN] = useState(0);
  return <button type="button" id="counter" onClick={() => setN(n + 1)}>Count: {n}</button>;
}
`,
	"dist/.gitignore": "*\n!.gitignore\n",
}

func readManifest(t *testing.T, dir string) (files []string, modules []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, bundle.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Files   []string                  `json:"files"`
		Modules map[string]map[string]any `json:"modules"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for k := range m.Modules {
		modules = append(modules, k)
	}
	slices.Sort(modules)
	return m.Files, modules
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestBuildTwiceThenEmbeddedBinary is the production build a user runs:
// the //go:embed pattern compiles before the first build, gorsc build runs
// twice in a row in the app directory (its output never becomes input, it
// removes only what it wrote), and the binary then serves the app from the
// embedded build with node_modules gone.
func TestBuildTwiceThenEmbeddedBinary(t *testing.T) {
	mods := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	app := t.TempDir()
	writeFiles(t, app, embedApp)
	writeFiles(t, app, map[string]string{"go.mod": replaceGorsc("example.com/embedapp")})
	if err := os.Symlink(mods, filepath.Join(app, "node_modules")); err != nil {
		t.Fatal(err)
	}
	goCmd(t, app, "mod", "tidy")
	// Before the first build: it compiles (the placeholder is embedded).
	goCmd(t, app, "build", "-o", filepath.Join(t.TempDir(), "before"), ".")

	t.Chdir(app)
	build := func() string {
		var out, errs strings.Builder
		if code := run([]string{"build"}, &out, &errs); code != 0 {
			t.Fatalf("gorsc build exited %d:\n%s", code, errs.String())
		}
		return out.String()
	}
	build()
	files1, mods1 := readManifest(t, "dist")
	if want := []string{"components/Counter.tsx", "gorsc:error-boundary.tsx", "gorsc:link.tsx", "gorsc:segment.tsx"}; !slices.Equal(mods1, want) {
		t.Fatalf("first build's modules = %v, want %v", mods1, want)
	}
	// A file of the user's in dist, and a stale file an earlier build
	// listed, to see what the next build removes.
	writeFiles(t, app, map[string]string{"dist/NOTES.txt": "mine"})
	stale := "stale-ABCDEFGH.js"
	writeFiles(t, app, map[string]string{"dist/" + stale: `"use client";export default 1`, "dist/" + stale + ".br": "compressed"})
	data, _ := os.ReadFile("dist/" + bundle.ManifestFile)
	data = []byte(strings.Replace(string(data), `"files": [`, `"files": ["/_gorsc/`+stale+`",`, 1))
	os.WriteFile("dist/"+bundle.ManifestFile, data, 0o644)

	out2 := build()
	if !strings.Contains(out2, "removed 2 files of the previous build") {
		t.Errorf("second build's output = %q, want it to remove the stale file", out2)
	}
	files2, mods2 := readManifest(t, "dist")
	if !slices.Equal(mods1, mods2) {
		t.Fatalf("the second build scanned its own output: modules %v, want %v", mods2, mods1)
	}
	want := []string{".gitignore", "NOTES.txt", bundle.ManifestFile, bundle.ServerFile}
	for _, f := range files2 {
		want = append(want, filepath.Base(f))
	}
	slices.Sort(want)
	// Beside each file its brotli and gzip copies, for the files they shrink.
	var got []string
	compressed := 0
	for _, name := range dirNames(t, "dist") {
		if base, ok := strings.CutSuffix(name, ".br"); ok && slices.Contains(want, base) {
			compressed++
			continue
		}
		if base, ok := strings.CutSuffix(name, ".gz"); ok && slices.Contains(want, base) {
			continue
		}
		got = append(got, name)
	}
	if compressed == 0 {
		t.Errorf("dist has no brotli copies: %v", dirNames(t, "dist"))
	}
	if !slices.Equal(got, want) {
		t.Errorf("dist after two builds = %v, want %v", got, want)
	}
	if len(files1) != len(files2) {
		t.Errorf("the builds wrote %d and %d files", len(files1), len(files2))
	}
	// The same build also from a dist elsewhere inside the app, with a
	// stray copy of the output under another name: skipped by its manifest.
	os.MkdirAll("old-dist", 0o755)
	for _, n := range dirNames(t, "dist") {
		b, _ := os.ReadFile(filepath.Join("dist", n))
		os.WriteFile(filepath.Join("old-dist", n), b, 0o644)
	}
	build()
	if _, mods3 := readManifest(t, "dist"); !slices.Equal(mods3, mods1) {
		t.Fatalf("a copy of an old build was scanned: modules %v", mods3)
	}
	os.RemoveAll("old-dist")

	bin := filepath.Join(t.TempDir(), "app")
	goCmd(t, app, "build", "-o", bin, ".")
	if err := os.Remove(filepath.Join(app, "node_modules")); err != nil {
		t.Fatal(err)
	}
	url := startBinary(t, t.TempDir(), bin) // another directory: nothing on disk
	code, body := get(t, url+"/")
	boot := regexp.MustCompile(`<script type="module" src="(/_gorsc/[^"]+)"`).FindStringSubmatch(body)
	if code != 200 || boot == nil || !strings.Contains(body, "<h1>Embedded</h1>") {
		t.Fatalf("GET / = %d:\n%s", code, body)
	}
	if code, js := get(t, url+boot[1]); code != 200 || len(js) == 0 {
		t.Fatalf("GET %s = %d", boot[1], code)
	}

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(url + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("#counter") })
	p.Do(chromedp.Click(chromedp.CSS("#counter")))
	testenv.WaitFor(t, "a click", func() bool { return p.JSText("#counter") == "Count: 1" })
	p.ExpectNoMessages(true)
}

func TestBuildRefusesOutputHoldingTheApp(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errs strings.Builder
	if code := run([]string{"build", "-out", "."}, &out, &errs); code == 0 || !strings.Contains(errs.String(), "would hold the app directory") {
		t.Errorf("gorsc build -out . = %d, %q", code, errs.String())
	}
}
