package gorsc_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
)

// styledApp writes an app with stylesheets into a temporary directory
// whose node_modules is tools/react's, and returns its path.
func styledApp(t *testing.T) string {
	t.Helper()
	nm := filepath.Join(testenv.NodeModules(t, "tools/react"), "node_modules")
	dir := t.TempDir()
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"styles/global.css":         "body { margin: 11px; }",
		"styles/docs.css":           ".docs { padding: 12px; }",
		"styles/card.module.css":    ".title { color: rgb(1, 2, 3); }\n.body { margin: 13px; }",
		"components/Box.tsx":        "\"use client\";\nimport \"./box.css\";\nimport s from \"./box.module.css\";\nexport function Box() { return <div className={\"box \" + s.inner}>box</div>; }\n",
		"components/box.css":        ".box { padding: 14px; }",
		"components/box.module.css": ".inner { margin: 15px; }",
		"components/Plain.tsx":      "\"use client\";\nexport function Plain() { return <p>plain</p>; }\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func styledPages(app *gorsc.App, card *gorsc.CSSClasses) {
	app.Stylesheet("styles/global.css")
	app.Segment("/docs", gorsc.Segment{Stylesheets: []string{"styles/docs.css"}})
	app.Layout(func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
		return html.HTML(html.Head(html.Meta(html.CharSet("utf-8"))), html.Body(
			html.Header(gorsc.Client("components/Box.tsx#Box", nil)),
			children,
		)), nil
	})
	page := func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.Main(
			html.H1(card.Stylesheet(), html.Class(card.Class("title")), html.Text("title")),
			html.P(html.Class(card.Classes("title", "body")), html.Text("body")),
			gorsc.Client("components/Plain.tsx#Plain", nil),
		), nil
	}
	app.Page("/", page)
	app.Page("/docs/{slug}", page)
}

var linkTag = regexp.MustCompile(`<link rel="stylesheet" href="(/_gorsc/[^"]+\.css)" data-precedence="gorsc"/>`)

func TestStylesheets(t *testing.T) {
	gorsc.ForgetStylesheetDecls(t)
	card := gorsc.CSSModule("styles/card.module.css", "title", "body")
	dir := styledApp(t)
	app := &gorsc.App{Dir: dir, Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	styledPages(app, card)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, app)
	built, err := bundle.Build(bundle.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := func(path string) string { return built.Stylesheets[path].URL }
	box := built.Modules["components/Box.tsx"].CSS

	get := func(path string, flight bool) string {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if flight {
			req.Header.Set("RSC", "1")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	home := get("/", false)
	head, _, _ := strings.Cut(home, "</head>")
	var links []string
	for _, m := range linkTag.FindAllStringSubmatch(head, -1) {
		links = append(links, m[1])
	}
	// In <head>: the app's global stylesheet first, then the others in
	// the order the page renders them: the client component's CSS imports
	// (in the layout), then the CSS Module linked by the page.
	if wantLinks := []string{want("styles/global.css"), box[0], want("styles/card.module.css")}; strings.Join(links, " ") != strings.Join(wantLinks, " ") || len(box) != 1 {
		t.Errorf("stylesheets in <head> = %v, want %v:\n%s", links, wantLinks, head)
	}
	if strings.Count(home, "rel=\"stylesheet\"") != 3 {
		t.Errorf("a stylesheet is linked twice or outside <head>:\n%s", home)
	}
	title := built.Stylesheets["styles/card.module.css"].Classes["title"]
	if title == "" || card.Class("title") != title || !strings.Contains(home, `<h1 class="`+title+`">`) || !strings.Contains(home, `<p class="`+title+" "+card.Class("body")+`">`) {
		t.Errorf("the scoped class names of styles/card.module.css (title → %q) are not in the page:\n%s", title, home)
	}
	docs := get("/docs/a", false)
	if !strings.Contains(docs, `href="`+want("styles/docs.css")+`"`) || strings.Contains(home, want("styles/docs.css")) {
		t.Errorf("the /docs segment's stylesheet must be linked on its pages only")
	}
	// The Flight payload carries the same resources, for React in the
	// browser (client navigations).
	rows := get("/docs/a", true)
	for _, href := range []string{want("styles/global.css"), want("styles/docs.css"), want("styles/card.module.css"), box[0]} {
		if !strings.Contains(rows, `["$","link",null,{"rel":"stylesheet","href":"`+href+`","precedence":"gorsc"}]`) {
			t.Errorf("the Flight payload lacks the stylesheet %s:\n%s", href, rows)
		}
	}
	// Stylesheets are served as CSS, cached for good (their names carry
	// a hash of their content).
	resp, err := http.Get(srv.URL + want("styles/global.css"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.Contains(string(body), "11px") {
		t.Errorf("GET the global stylesheet: %s %v\n%s", resp.Status, resp.Header, body)
	}
}

// A prebuilt app ("gorsc build": Save, then Assets) resolves the same
// stylesheets and class names from its manifest.
func TestStylesheetsPrebuilt(t *testing.T) {
	gorsc.ForgetStylesheetDecls(t)
	card := gorsc.CSSModule("styles/card.module.css", "title", "body")
	dir := styledApp(t)
	built, err := bundle.Build(bundle.Options{Dir: dir, PublicPath: "/_gorsc/"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := built.Save(out, false); err != nil {
		t.Fatal(err)
	}
	app := &gorsc.App{Assets: os.DirFS(out), Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	styledPages(app, card)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, app)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if card.Class("title") != built.Stylesheets["styles/card.module.css"].Classes["title"] || !strings.Contains(string(b), `href="`+built.Stylesheets["styles/global.css"].URL+`"`) {
		t.Errorf("the prebuilt app's stylesheets differ from its build:\n%s", b)
	}
}

func TestStylesheetErrors(t *testing.T) {
	dir := styledApp(t)
	prepare := func(setup func(app *gorsc.App)) error {
		app := &gorsc.App{Dir: dir, Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		setup(app)
		return app.Prepare()
	}
	for _, c := range []struct {
		name  string
		setup func(app *gorsc.App)
		want  []string
	}{
		{"missing app stylesheet", func(app *gorsc.App) { app.Stylesheet("styles/globl.css") },
			[]string{"style_test.go:" + strconv.Itoa(line()-1) + ": ", `no stylesheet "styles/globl.css" in the app directory`, "styles/global.css"}},
		{"missing segment stylesheet", func(app *gorsc.App) { app.Segment("/x", gorsc.Segment{Stylesheets: []string{"nope.css"}}) },
			[]string{"style_test.go:" + strconv.Itoa(line()-1) + ": ", `no stylesheet "nope.css"`}},
		{"unknown class", func(app *gorsc.App) { gorsc.CSSModule("styles/card.module.css", "title", "tilte") },
			[]string{"style_test.go:" + strconv.Itoa(line()-1) + ": CSS Module styles/card.module.css has no class \"tilte\" (it has: body, title)"}},
		{"missing module", func(app *gorsc.App) { gorsc.CSSModule("styles/none.module.css", "a") },
			[]string{`no stylesheet "styles/none.module.css"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			gorsc.ForgetStylesheetDecls(t)
			err := prepare(c.setup)
			if err == nil {
				t.Fatal("Prepare succeeded")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Prepare = %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
	t.Run("undeclared class", func(t *testing.T) {
		gorsc.ForgetStylesheetDecls(t)
		card := gorsc.CSSModule("styles/card.module.css", "title")
		if err := prepare(func(*gorsc.App) {}); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if e := recover(); e == nil || !strings.Contains(e.(string), `class "body" is not declared`) {
				t.Errorf("Class of an undeclared class: %v", e)
			}
		}()
		card.Class("body")
	})
	for _, bad := range []string{"styles/card.css.map", ""} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Stylesheet(%q) did not panic", bad)
				}
			}()
			gorsc.Stylesheet(bad)
		}()
	}
	func() {
		defer func() {
			if e := recover(); e == nil || !strings.Contains(e.(string), ".module.css") {
				t.Errorf("CSSModule of a plain stylesheet: %v", e)
			}
		}()
		gorsc.CSSModule("styles/global.css")
	}()
}

// A declaration made during every render is recorded once per call site.
func TestStylesheetDeclaredOnce(t *testing.T) {
	gorsc.ForgetStylesheetDecls(t)
	var nodes []gorsc.Node
	for range 3 {
		nodes = append(nodes, gorsc.Stylesheet("styles/global.css"))
	}
	if nodes[0] != nodes[1] || nodes[1] != nodes[2] {
		t.Error("three calls at one line made three declarations")
	}
	if gorsc.Stylesheet("styles/global.css") == nodes[0] {
		t.Error("calls at two lines share a declaration")
	}
}

// line returns the line it is called from.
func line() int {
	_, _, l, _ := runtime.Caller(1)
	return l
}
