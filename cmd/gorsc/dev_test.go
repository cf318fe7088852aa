package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/devserver"
	"github.com/gorsc/gorsc/internal/testenv"
)

const devMain = `package main

import (
	"context"
	"embed"
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

//go:embed all:dist
var dist embed.FS

var Act = gorsc.Action(act)

func act(ctx context.Context, form *gorsc.FormData) error { return nil }

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	app := &gorsc.App{}
	app.Assets = gorsc.Prebuilt(dist, "dist")
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.Main(html.H1(html.Text("HEADING")),
			html.P(html.ID("pid"), html.Text(strconv.Itoa(os.Getpid()))),
			html.Form(html.Action(Act), html.Button(html.Type("submit"), html.Text("Go"))),
			gorsc.Client("components/Counter.tsx", nil)), nil
	})
	if err := app.ListenAndServe(*addr); err != nil {
		log.Fatal(err)
	}
}
`

const devCounter = `"use client";
import { useState } from "react";
import "./counter.css";
export default function Counter() {
  const [n, setN] = useState(0);
  return <button type="button" id="counter" onClick={() => setN(n + 1)}>Count: {n}</button>;
}
`

// TestDevReloadsEdits drives gorsc dev as a developer would. A TSX edit
// and a CSS edit show in the open tab without a manual reload and without
// a restart of the app (its process id, in the page, stays the same): the
// running app builds its client code again. A Go edit shows too, from a
// new process. No request fails meanwhile, action ids survive restarts (a
// stable development secret), and a Go compile error and an esbuild error
// show in the page with their file and line, until fixed. It logs the
// edit-to-browser times.
func TestDevReloadsEdits(t *testing.T) {
	mods := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	app := t.TempDir()
	writeFiles(t, app, map[string]string{
		"main.go":                strings.Replace(devMain, "HEADING", "Before", 1),
		"components/Counter.tsx": devCounter,
		"components/counter.css": "#counter { color: rgb(1, 2, 3); }\n",
		"dist/.gitignore":        "*\n!.gitignore\n",
		"go.mod":                 replaceGorsc("example.com/devapp"),
	})
	if err := os.Symlink(mods, filepath.Join(app, "node_modules")); err != nil {
		t.Fatal(err)
	}
	goCmd(t, app, "mod", "tidy")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logBuf syncBuffer
	dev, err := devserver.Start(ctx, devserver.Options{Dir: app, Log: &logBuf, NoTypes: true}, ln)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		if t.Failed() || os.Getenv("GORSC_DEV_LOG") != "" {
			t.Logf("gorsc dev log:\n%s", logBuf.String())
		}
	}()
	base := "http://" + ln.Addr().String()
	if f := dev.Failure(); f != "" {
		t.Fatalf("the first build failed: %s", f)
	}
	actionID := func() string {
		_, body := get(t, base+"/")
		return regexp.MustCompile(`name="\$ACTION_ID_([0-9a-f]+)"`).FindStringSubmatch(body)[1]
	}
	id1 := actionID()

	// Requests during the rebuilds and restarts: none may fail.
	var failed, served atomic.Int64
	var wg sync.WaitGroup
	probeCtx, stopProbe := context.WithCancel(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for probeCtx.Err() == nil {
			if code, _ := get(t, base+"/"); code != 200 {
				failed.Add(1)
			}
			served.Add(1)
			time.Sleep(30 * time.Millisecond)
		}
	}()

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("#counter") })
	testenv.WaitFor(t, "the reload channel", func() bool { return dev.Subscribers() > 0 })
	pid := jsText(p, "#pid")

	edit := func(name, from, to string) time.Time {
		t.Helper()
		path := filepath.Join(app, name)
		src, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(src), from) {
			t.Fatalf("%s lacks %q", name, from)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(src), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		return time.Now()
	}
	// Longer than testenv.WaitFor: a go build on a busy machine takes a while.
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	// painted is how long after since the page now shown was first
	// painted (its first contentful paint, by the browser's clock): when
	// the edit became visible, without the delay of polling for it.
	painted := func(since time.Time) time.Duration {
		t.Helper()
		ms := testenv.Eval[float64](p, `performance.timeOrigin + (performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? performance.now())`)
		return time.UnixMicro(int64(ms * 1000)).Sub(since)
	}
	waitText := func(what, sel, want string, since time.Time) time.Duration {
		t.Helper()
		waitFor(what, func() bool { return jsText(p, sel) == want })
		return painted(since)
	}
	color := func() string {
		return testenv.Eval[string](p, `(() => { const el = document.querySelector("#counter"); return el ? getComputedStyle(el).color : "" })()`)
	}
	samePID := func(after string) {
		t.Helper()
		if got := jsText(p, "#pid"); got != pid {
			t.Errorf("after %s the app runs as process %s, before as %s: it was restarted", after, got, pid)
		}
	}

	tsx := waitText("TSX edit", "#counter", "Clicks: 0", edit("components/Counter.tsx", "Count:", "Clicks:"))
	samePID("a TSX edit")
	since := edit("components/counter.css", "rgb(1, 2, 3)", "rgb(4, 5, 6)")
	waitFor("CSS edit", func() bool { return color() == "rgb(4, 5, 6)" })
	css := painted(since)
	samePID("a CSS edit")
	goEdit := waitText("Go edit", "h1", "After", edit("main.go", `html.Text("Before")`, `html.Text("After")`))
	if jsText(p, "#pid") == pid {
		t.Error("a Go edit did not start a new process")
	}
	goBuild := "?"
	if m := regexp.MustCompile(`main\.go changed: built in (\S+),`).FindAllStringSubmatch(logBuf.String(), -1); len(m) > 0 {
		goBuild = m[len(m)-1][1]
	}
	t.Logf("edit to page painted: TSX %v, CSS %v, Go %v (its go build %s)", tsx.Round(time.Millisecond), css.Round(time.Millisecond), goEdit.Round(time.Millisecond), goBuild)
	stopProbe()
	wg.Wait()
	if failed.Load() > 0 {
		t.Errorf("%d of %d requests failed while the app was rebuilt and restarted", failed.Load(), served.Load())
	}
	if id2 := actionID(); id2 != id1 {
		t.Errorf("the action id changed across restarts: %s, then %s", id1, id2)
	}

	// A Go compile error: shown in the page with file:line, then fixed.
	edit("main.go", `html.Text("After")`, `html.Text("After"`)
	waitFor("the Go error page", func() bool {
		return strings.Contains(jsText(p, "#gorsc-dev-error pre"), "main.go:")
	})
	edit("main.go", `html.Text("After"`, `html.Text("Fixed")`)
	waitText("the Go fix", "h1", "Fixed", time.Now())
	waitFor("hydration after the Go fix", func() bool { return p.Hydrated("#counter") })
	pid = jsText(p, "#pid")

	// An esbuild error in the client code: file:line:column and the
	// source line in the page, from the running app; then fixed.
	edit("components/Counter.tsx", "export default function", "export default functio")
	waitFor("the esbuild error page", func() bool {
		msg := jsText(p, "#gorsc-dev-error pre")
		return regexp.MustCompile(`components/Counter\.tsx:\d+:\d+`).MatchString(msg) && strings.Contains(msg, "export default functio Counter")
	})
	fix := edit("components/Counter.tsx", "export default functio", "export default function")
	waitFor("the fixed client code", func() bool { return p.Hydrated("#counter") && jsText(p, "#counter") == "Clicks: 0" })
	t.Logf("the fix of an esbuild error to page painted (a TSX edit in a process started after a Go edit): %v", painted(fix).Round(time.Millisecond))
	samePID("an esbuild error and its fix")

	// Full page loads through gorsc dev, one after another in one tab:
	// each hydrates without an error (the reload script must not block
	// the parser while the runtime hydrates), and none waits for a
	// connection (the event streams of the pages before are closed).
	loads := b.NewPage(true)
	for i := range 12 {
		start := time.Now()
		if i%2 == 0 {
			loads.Do(chromedp.Navigate(base + "/"))
		} else {
			loads.Do(chromedp.Reload())
		}
		testenv.WaitFor(t, fmt.Sprintf("hydration of load %d", i+1), func() bool { return loads.Hydrated("#counter") })
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("load %d took %v: waiting for a connection?", i+1, d.Round(time.Millisecond))
		}
	}
	for _, m := range loads.Messages(true) {
		if m.IsException() || m.Type == "error" || m.Type == "warning" {
			t.Errorf("a page load through gorsc dev logged: %s", m.String())
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// jsText is testenv's JSText for a page that may be reloading by itself
// (gorsc dev reloads it after each edit): an evaluation that the
// navigation cuts off reads "" instead of failing the test.
func jsText(p *testenv.Page, sel string) string {
	ctx, cancel := context.WithTimeout(p.Ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q)?.textContent ?? ""`, sel)))
	if err != nil {
		return ""
	}
	return s
}
