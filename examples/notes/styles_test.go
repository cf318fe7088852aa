package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
)

// slowCSS delays every stylesheet by 400 ms, so that content shown before
// its stylesheet has loaded would be seen unstyled.
func slowCSS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".css") {
			time.Sleep(400 * time.Millisecond)
		}
		next.ServeHTTP(w, r)
	})
}

// styleCheck is a computed style the notes pages must have.
type styleCheck struct {
	what, sel, prop, want string
	needsJS               bool // client-rendered: without JavaScript the fallback shows
}

// noteStyles are the computed styles of /notes/1, one per source of CSS.
var noteStyles = []styleCheck{
	{"global stylesheet (App.Stylesheet)", "body", "font-family", "system-ui, sans-serif", false},
	{"Tailwind class in a Go file", "header", "display", "flex", false},
	{"Tailwind class in a Go file", "header", "border-bottom-width", "1px", false},
	{"Tailwind theme variable in the global stylesheet", "body", "color", "rgb(31, 41, 51)", false},
	{"segment stylesheet (Segment.Stylesheets)", "div.notes", "display", "grid", false},
	{"CSS Module from Go (gorsc.CSSModule)", "div.note", "border-top-left-radius", "8px", false},
	{"CSS Module from Go, descendant rule", "div.note h2", "font-weight", "600", false},
	{"CSS import of a client component", "button.clicker", "letter-spacing", "0.5px", false},
	{"Tailwind class in a TSX file (and its Go fallback)", "button.clicker", "padding-left", "8px", false},
	{"CSS Module of a client component", "button.clicker span", "font-weight", "700", true},
}

func computed(p *testenv.Page, sel, prop string) string {
	return testenv.Eval[string](p, fmt.Sprintf(`(() => { const el = document.querySelector(%q); return el ? getComputedStyle(el).getPropertyValue(%q) : "(no element)" })()`, sel, prop))
}

// The first paint is styled, with JavaScript off (the stylesheets are in
// the HTML's <head>) and after hydration, which logs nothing (no
// hydration mismatch from the stylesheet resources).
func TestBrowserStylesFirstPaint(t *testing.T) {
	testenv.Node(t) // Tailwind compiles the global stylesheet at start
	srv := startNotes(t, slowCSS)
	b := testenv.NewBrowser(t)
	for _, js := range []bool{false, true} {
		p := b.NewPage(js)
		p.Do(chromedp.Navigate(srv.URL + "/notes/1"))
		if js {
			testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("button.clicker") && p.Hydrated("aside a") })
		}
		for _, c := range noteStyles {
			if c.needsJS && !js {
				continue
			}
			if got := computed(p, c.sel, c.prop); got != c.want {
				t.Errorf("JavaScript %v: %s: %s %s = %q, want %q", js, c.what, c.sel, c.prop, got, c.want)
			}
		}
		// Without JavaScript nothing was painted before the stylesheets
		// arrived: they are in <head>, where they block rendering.
		if n := testenv.Eval[float64](p, `document.querySelectorAll('head > link[rel="stylesheet"][data-precedence="gorsc"]').length`); n != 4 {
			t.Errorf("JavaScript %v: %v stylesheets in <head>, want 4 (global, clicker, notes segment, note module), none twice", js, n)
		}
		if n := testenv.Eval[float64](p, `document.querySelectorAll('body link').length`); n != 0 {
			t.Errorf("JavaScript %v: %v <link>s left in <body>", js, n)
		}
		p.ExpectNoMessages(js)
	}
}

// A client navigation to a page that needs a stylesheet the document has
// not loaded yet shows the page only once the stylesheet has loaded: a
// probe reads the computed style at the first moment the new content is
// in the document (a MutationObserver callback runs before the browser
// paints), with every stylesheet delayed by 400 ms.
func TestBrowserNavigationNeverUnstyled(t *testing.T) {
	testenv.Node(t)
	srv := startNotes(t, slowCSS)
	p := testenv.NewBrowser(t).NewPage(true)
	// From /about, whose links prefetch nothing (the home page's first
	// link prefetches /notes/1 with its stylesheets as soon as it shows).
	p.Do(chromedp.Navigate(srv.URL + "/about"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("button.clicker") && p.Hydrated(`header a[href="/notes"]`) })
	testenv.Eval[any](p, `(() => {
		window.__seen = {};
		// The Tag component's heading has its CSS Module's class beside
		// "tag"; its fallback (shown while its code loads) has "tag" alone.
		const probes = [["div.notes", "display"], ["div.note", "border-top-left-radius"], ['h1[class^="tag "]', "font-style"]];
		const check = () => {
			for (const [sel, prop] of probes) {
				const el = document.querySelector(sel);
				if (el && !(sel in window.__seen) && el.checkVisibility()) {
					window.__seen[sel] = getComputedStyle(el).getPropertyValue(prop);
				}
			}
		};
		new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
		const frame = () => { check(); requestAnimationFrame(frame); };
		requestAnimationFrame(frame);
		window.__noReload = 1;
	})()`)
	steps := []struct {
		link, sel, want, what string
	}{
		{`header a[href="/notes"]`, "div.notes", "grid", "the /notes segment's stylesheet"},
		{`aside a[href="/notes/1"]`, "div.note", "8px", "the note page's CSS Module (from Go)"},
		{`header a[href="/"]`, "", "", ""},
		// Back home, and to a page whose client component imports a CSS
		// Module no page shown so far needed.
		{`#tag-go`, `h1[class^="tag "]`, "italic", "the Tag client component's CSS Module"},
	}
	for _, s := range steps {
		testenv.Eval[any](p, fmt.Sprintf(`document.querySelector(%q).click()`, s.link))
		if s.sel == "" {
			testenv.WaitFor(t, "home", func() bool { return p.Hydrated("#tag-go") })
			continue
		}
		testenv.WaitFor(t, s.sel, func() bool {
			return testenv.Eval[bool](p, fmt.Sprintf(`%q in window.__seen`, s.sel))
		})
		if got := testenv.Eval[string](p, fmt.Sprintf(`window.__seen[%q]`, s.sel)); got != s.want {
			t.Errorf("%s: %s was first visible with %q, want %q: shown before its stylesheet loaded", s.what, s.sel, got, s.want)
		}
	}
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatal("a navigation reloaded the document")
	}
	p.ExpectNoMessages(true)
}

var stylesheetHref = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)

// TestCSSBytes logs the CSS each page of the example loads on its first
// load, raw and gzipped: go test ./examples/notes -run CSSBytes -v
func TestCSSBytes(t *testing.T) {
	testenv.Node(t)
	srv := startNotes(t)
	for _, path := range []string{"/", "/notes", "/notes/1", "/about", "/tags/go"} {
		_, _, body := status(t, srv.URL+path)
		raw, gz := 0, 0
		var names []string
		for _, m := range stylesheetHref.FindAllStringSubmatch(body, -1) {
			_, _, css := status(t, srv.URL+m[1])
			raw += len(css)
			var b bytes.Buffer
			w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			w.Write([]byte(css))
			w.Close()
			gz += b.Len()
			names = append(names, m[1][strings.LastIndexByte(m[1], '/')+1:])
		}
		if raw == 0 {
			t.Errorf("%s links no stylesheet", path)
		}
		t.Logf("%-9s %6d bytes of CSS (%5d gzipped) in %d files: %s", path, raw, gz, len(names), strings.Join(names, " "))
	}
}

// A production build ("gorsc build": bundle.Build, then Save) carries
// Tailwind's output, and the app serving it runs no Node: PATH is empty.
func TestPrebuiltStyles(t *testing.T) {
	testenv.Node(t)
	dir := testenv.NodeModules(t, "examples/notes")
	built, err := bundle.Build(bundle.Options{Dir: dir, PublicPath: "/_gorsc/"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := built.Save(out, false); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", "")
	app := NewApp(dir)
	app.Assets = os.DirFS(out)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	_, _, body := status(t, srv.URL+"/notes/1")
	if !strings.Contains(body, `<div class="note `+noteCSS.Class("card")+`">`) {
		t.Errorf("the note page lacks the CSS Module's scoped class %q", noteCSS.Class("card"))
	}
	m := stylesheetHref.FindAllStringSubmatch(body, -1)
	if len(m) == 0 {
		t.Fatal("no stylesheet linked")
	}
	_, _, css := status(t, srv.URL+m[0][1])
	for _, want := range []string{".flex{display:flex}", ".px-2{padding-inline:calc(var(--spacing) * 2)}", ".border-slate-200{"} {
		if !strings.Contains(css, want) {
			t.Errorf("the prebuilt global stylesheet lacks Tailwind's %s", want)
		}
	}
}
