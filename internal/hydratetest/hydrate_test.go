// Package hydratetest is the hydration differential of the writer corpus
// (internal/testdata/writers/cases.json): real Chromium loads gorsc's HTML
// and inline Flight rows for corpus cases and React hydrates them; React
// must report no recoverable error (no mismatch between gorsc's HTML and
// what React renders from gorsc's Flight rows).
package hydratetest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

// reactFailsToo lists cases that do not hydrate cleanly with React's own
// HTML either: gorsc's HTML for them is byte-equal to react-dom/server's
// (TestHTMLGolden) and its Flight decodes to the same tree as React's
// (TestFlightDecodedByReact), so React's own SSR of them reports the same
// recoverable error.
var reactFailsToo = map[string]string{
	"numeric-cols-rows":                "<col> outside <table>: the HTML parser drops it, so the DOM lacks an element React expects",
	"style-end-tag":                    "React escapes the s of </style> in style text as a CSS escape, and then compares the escaped DOM text with the unescaped prop",
	"hoist-text-neighbors":             "a hoisted <title> between two texts: react-dom/server writes ab without a <!-- --> separator, the client expects two text nodes",
	"inner-html-script-like":           "a <script> inside dangerouslySetInnerHTML runs when the HTML is parsed (and throws)",
	"pre-leading-newline-two-children": "<pre> whose first child is the text \"\\n\" among others: React adds no extra newline (children are an array), so the parser drops that text's newline and the client misses a text node",
}

// servedLoads lists cases that load scripts, stylesheets or images,
// sampled all the same: the test server answers their URLs (served) so
// that the browser logs nothing about them. They are React's hoisted
// resources, which gorsc must place exactly where React does.
var servedLoads = map[string]bool{
	"script-async-src":               true,
	"hoist-document-script-async":    true,
	"script-async-attrs":             false, // integrity="sha256-x" cannot match any body
	"script-async-no-src":            true,
	"style-precedence-merge":         true,
	"style-precedence-in-div":        true,
	"style-precedence-with-links":    true,
	"style-no-precedence":            true,
	"style-link-same-href":           true,
	"hoist-document-link-order":      true,
	"hoist-text-neighbors-link":      true,
	"hoist-text-neighbors-resources": true,
	"hoist-script-async-in-head":     true,
	"link-stylesheet-precedence":     true,
	"hoist-document-stylesheet":      true,
	"stylesheet-dedupe":              true,
	"link-modulepreload":             true,
	// Not sampled: the browser logs its refusal to load the blocked
	// javascript: URL of the image (React's HTML is the same).
	"img-javascript-url":              false,
	"link-preload-image-javascript":   false,
	"hoist-suspense-stylesheet-later": true,
}

// served answers the URLs the servedLoads cases load: empty scripts and
// stylesheets, a one-pixel PNG, and an empty font.
func served(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/_gorsc/") || strings.HasPrefix(r.URL.Path, "/c/") {
			next.ServeHTTP(w, r)
			return
		}
		switch path.Ext(r.URL.Path) {
		case ".js":
			w.Header().Set("Content-Type", "text/javascript")
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		case "":
			if r.URL.Path == "/" {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/css") // stylesheets named like /x
		case ".woff2":
			w.Header().Set("Content-Type", "font/woff2")
		case ".ico":
			w.Header().Set("Content-Type", "image/x-icon")
		case ".png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(onePixelPNG)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

var onePixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// excluded says why a case is not in the hydration sample. Cases are
// sampled when they are valid inside <body> and self-contained.
func excluded(c writertest.Case, raw string) string {
	if why, ok := reactFailsToo[c.Name]; ok {
		return "React's own HTML does not hydrate either: " + why
	}
	if servedLoads[c.Name] {
		return "" // whole documents included: they are served as they are
	}
	switch {
	case strings.Contains(raw, `"$client"`):
		return "client components: the corpus's client modules (/a/Counter.js…) do not exist in the test app"
	case strings.Contains(raw, `"$action"`):
		return "server actions: the corpus's action ids are not registered gorsc.Actions"
	case strings.HasPrefix(raw, `["html"`):
		return "a whole document: the sample puts each case inside <body>"
	case strings.HasPrefix(raw, `"`) || strings.HasPrefix(raw, `{"$repeat"`):
		// A <body> whose only child is text: React hydrates a host
		// element with one string child by comparing its textContent,
		// which gorsc's App changes by appending its inline Flight
		// <script>s to <body>. That is a limit of the App's document
		// shape (root package), not of the writers; see the report.
		return "text as the only child of <body>"
	}
	for _, tag := range []string{"object", "img", "iframe", "video", "audio", "link", "embed", "source", "track", "script", "picture", "base"} {
		if strings.Contains(raw, `["`+tag+`"`) {
			return "<" + tag + ">: loads or runs something, which the browser logs"
		}
	}
	return ""
}

func TestHydrationDifferential(t *testing.T) {
	testenv.NodeModules(t, "tools/react")
	corpus := writertest.Load(t)
	raws := writertest.RawTrees(t)
	app := &gorsc.App{Dir: filepath.Join(testenv.RepoRoot(), "tools", "react", "testapp"), Secret: []byte("t")}
	var sample []writertest.Case
	for _, c := range corpus.Cases {
		if why := excluded(c, raws[c.Name]); why != "" {
			continue
		}
		sample = append(sample, c)
		body := c.Tree
		if strings.HasPrefix(raws[c.Name], `["html"`) {
			app.Page("/c/"+c.Name, func(ctx context.Context, r *http.Request) (gorsc.Node, error) { return body, nil })
			continue
		}
		app.Page("/c/"+c.Name, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return tree.El("html",
				tree.El("head",
					tree.El("meta", tree.Attr{Name: "charSet", Value: "utf-8"}),
					tree.El("link", tree.Attr{Name: "rel", Value: "icon"}, tree.Attr{Name: "href", Value: "data:,"})),
				tree.El("body", body)), nil
		})
	}
	if len(sample) < 20 {
		t.Fatalf("hydration sample has %d cases, want at least 20", len(sample))
	}
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(served(app))
	defer srv.Close()

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	errs, seen := 0, 0
	for _, c := range sample {
		p.Do(chromedp.Navigate(srv.URL + "/c/" + c.Name))
		// Hydration is done once React has attached its fiber to <body>
		// and a couple of frames have passed for recoverable errors.
		deadline := time.Now().Add(10 * time.Second)
		for !testenv.Eval[bool](p, `Object.keys(document.body).some(k => k.startsWith("__reactFiber$"))`) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: React never hydrated the page", c.Name)
			}
			time.Sleep(10 * time.Millisecond)
		}
		testenv.Eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true), 20))))`)
		// Messages returns everything the tab logged so far.
		msgs := p.Messages(true)
		for _, m := range msgs[seen:] {
			errs++
			t.Errorf("%s: browser logged %s", c.Name, m.String())
		}
		seen = len(msgs)
	}
	t.Logf("hydration differential: %d cases, %d errors", len(sample), errs)
}
