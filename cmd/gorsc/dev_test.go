package main

import (
	"context"
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
			html.Form(html.Action(Act), html.Button(html.Type("submit"), html.Text("Go"))),
			gorsc.Client("components/Counter.tsx", nil)), nil
	})
	log.Fatal(app.ListenAndServe(*addr))
}
`

// TestDevReloadsEdits drives gorsc dev as a developer would: a TSX edit
// and a Go edit each show in the open tab without a manual reload, no
// request fails while the app restarts, action ids survive restarts (a
// stable development secret), and a Go compile error and an esbuild error
// show in the page with their file and line, until fixed.
func TestDevReloadsEdits(t *testing.T) {
	mods := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	app := t.TempDir()
	writeFiles(t, app, map[string]string{
		"main.go":                strings.Replace(devMain, "HEADING", "Before", 1),
		"components/Counter.tsx": strings.Replace(embedApp["components/Counter.tsx"], "Count:", "Count:", 1),
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
	dev, err := devserver.Start(ctx, devserver.Options{Dir: app, Log: &logBuf, Poll: 100 * time.Millisecond, NoTypes: true}, ln)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		if t.Failed() {
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

	// Requests during the restarts: none may fail.
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
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitText := func(what, sel, want string, since time.Time) time.Duration {
		t.Helper()
		waitFor(what, func() bool { return p.JSText(sel) == want })
		return time.Since(since)
	}

	tsx := waitText("TSX edit", "#counter", "Clicks: 0", edit("components/Counter.tsx", "Count:", "Clicks:"))
	goEdit := waitText("Go edit", "h1", "After", edit("main.go", `html.Text("Before")`, `html.Text("After")`))
	t.Logf("edit to browser: TSX %v, Go %v (go build included)", tsx.Round(time.Millisecond), goEdit.Round(time.Millisecond))
	stopProbe()
	wg.Wait()
	if failed.Load() > 0 {
		t.Errorf("%d of %d requests failed while the app restarted", failed.Load(), served.Load())
	}
	if id2 := actionID(); id2 != id1 {
		t.Errorf("the action id changed across restarts: %s, then %s", id1, id2)
	}

	// A Go compile error: shown in the page with file:line, then fixed.
	edit("main.go", `html.Text("After")`, `html.Text("After"`)
	waitFor("the Go error page", func() bool {
		return strings.Contains(p.JSText("#gorsc-dev-error pre"), "main.go:")
	})
	edit("main.go", `html.Text("After"`, `html.Text("Fixed")`)
	waitText("the Go fix", "h1", "Fixed", time.Now())

	// An esbuild error in the client code: file:line:column in the page.
	edit("components/Counter.tsx", "export default function", "export default functio")
	waitFor("the esbuild error page", func() bool {
		return regexp.MustCompile(`components/Counter\.tsx:\d+:\d+`).MatchString(p.JSText("#gorsc-dev-error pre"))
	})
	edit("components/Counter.tsx", "export default functio", "export default function")
	waitFor("the fixed client code", func() bool { return p.Hydrated("#counter") && p.JSText("#counter") == "Clicks: 0" })
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
