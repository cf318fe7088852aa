package gorsc

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/server"
	"github.com/gorsc/gorsc/internal/tree"
)

// Styling. Every .css file below App.Dir (outside node_modules, public/
// and hidden folders) is bundled by esbuild at start, or by "gorsc
// build", into a content-hashed stylesheet, with its @imports inlined and
// the files it references by url() copied beside it. Server components
// link one with [Stylesheet], [App.Stylesheet] or Segment.Stylesheets,
// and use the scoped class names of a CSS Module (a file ending in
// ".module.css") through [CSSModule]. Client components import CSS as
// usual (import "./card.css", import styles from "./card.module.css");
// gorsc links the stylesheets of every client component a page renders.
//
// Every stylesheet is linked as a React 19 stylesheet resource: a
// <link rel="stylesheet" precedence="gorsc"> that react-dom/server writes
// into <head> (so the first paint is styled, JavaScript or not) and that
// React in the browser inserts once, holding a client navigation back
// until it has loaded (so new content never shows unstyled). Stylesheets
// apply in the order the page first renders them.
//
// Tailwind CSS v4: a stylesheet that imports "tailwindcss" is compiled
// by Tailwind's own CLI at build time (npm install --save-dev tailwindcss
// @tailwindcss/cli); see the README's Styling section.

// Stylesheet returns a node that links the stylesheet at path, relative
// to App.Dir ("styles/card.css"), where it is rendered: a server
// component renders it beside the markup the stylesheet styles, and every
// page that renders the component loads it. React loads a stylesheet once
// however often it is rendered.
//
// Declare it at package level to have its path checked at start-up:
//
//	var cardCSS = gorsc.Stylesheet("styles/card.css")
//	… html.Article(cardCSS, html.Class("card"), …)
//
// App.Prepare then fails, naming path and the declaration's line, when
// the build has no such stylesheet. A path first seen during a render
// fails that render instead.
func Stylesheet(path string) Node {
	return declare(path, nil, 2).node
}

// CSSClasses is a CSS Module used by server components: made by
// [CSSModule], it maps the module's class names to the scoped names of
// the build and links its stylesheet.
type CSSClasses struct {
	d *styleDecl
}

// CSSModule declares the CSS Module at path (relative to App.Dir, ending
// in ".module.css") and the class names server components use from it.
// esbuild scopes a CSS Module's class names (".title" becomes
// ".card_title", or a short name in production builds), so the markup
// must use the scoped names: [CSSClasses.Class] returns them.
//
//	var card = gorsc.CSSModule("components/card.module.css", "title", "body")
//
//	func Card(n Note) gorsc.Node {
//		return html.Article(card.Stylesheet(), html.Class(card.Class("title")), …)
//	}
//
// Declare it at package level: App.Prepare fails, naming the file, the
// class and the declaration's line, when the build has no such module or
// the module has no such class. The scoped names are the build's (the
// same that client components importing the module get), read from the
// prebuilt assets' manifest when the app serves App.Assets.
// They are resolved for the process: every app of a process that uses a
// CSS Module must come from the same build of it.
func CSSModule(path string, classes ...string) *CSSClasses {
	if !assets.IsCSSModule(path) {
		panic(fmt.Sprintf("gorsc: CSSModule(%q): a CSS Module's file name ends in \".module.css\"; link a plain stylesheet with gorsc.Stylesheet", path))
	}
	return &CSSClasses{d: declare(path, classes, 2)}
}

// Class returns the scoped name of a class of the module, for
// html.Class. It panics, naming the declaration, for a class that the
// declaration does not list (add it there, so that a typo fails at
// start-up), or when no app of the process has been prepared yet.
func (m *CSSClasses) Class(name string) string {
	names := m.d.classes.Load()
	if names == nil {
		panic(fmt.Sprintf("gorsc: CSSModule(%q) (declared at %s): Class(%q) before App.Prepare resolved the module's class names", m.d.path, m.d.where, name))
	}
	if !slices.Contains(m.d.names, name) {
		panic(fmt.Sprintf("gorsc: CSSModule(%q) (declared at %s): class %q is not declared; add it to the CSSModule call so that App.Prepare checks it", m.d.path, m.d.where, name))
	}
	return (*names)[name]
}

// Classes returns the scoped names of several classes of the module,
// separated by spaces, for html.Class. It panics as Class does.
func (m *CSSClasses) Classes(names ...string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = m.Class(n)
	}
	return strings.Join(out, " ")
}

// Stylesheet returns the node that links the module's stylesheet, as
// [Stylesheet] does. Render it in every component that uses the module's
// classes: the class names alone do not load the styles.
func (m *CSSClasses) Stylesheet() Node { return m.d.node }

// Path returns the module's path, relative to App.Dir.
func (m *CSSClasses) Path() string { return m.d.path }

// Stylesheet links the stylesheet at path (relative to App.Dir) on every
// page of the app, like a global stylesheet imported by a Next.js root
// layout: first in <head>, so the stylesheets of segments and components
// come after it and win over it at equal specificity. Several apply in
// the order they were added. App.Prepare fails when the build has no
// such stylesheet.
func (a *App) Stylesheet(path string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.checkOpen("Stylesheet(" + path + ")")
	d := newStyleDecl(path, nil, caller(1))
	a.sheets = append(a.sheets, d)
	a.docSheets = append(a.docSheets, d.path)
}

// styleDecl is a stylesheet or CSS Module that Go code links.
type styleDecl struct {
	path    string
	names   []string // the classes a CSS Module's declaration lists; nil for a plain stylesheet
	where   string   // file:line of the declaration
	node    Node     // links the stylesheet when rendered
	classes atomic.Pointer[map[string]string]
}

// styleDecls are the declarations of the process, checked by every
// app's Prepare: one per call site, path and classes, so that a call
// made on every render adds nothing after the first.
var styleDecls struct {
	sync.Mutex
	list  []*styleDecl
	bySig map[string]*styleDecl
}

// declare records a declaration made skip frames above declare's caller
// (1: the caller's caller).
func declare(path string, classes []string, skip int) *styleDecl {
	where := caller(skip)
	sig := path + "\x00" + where + "\x00" + strings.Join(classes, "\x00")
	styleDecls.Lock()
	defer styleDecls.Unlock()
	if d, ok := styleDecls.bySig[sig]; ok {
		return d
	}
	d := newStyleDecl(path, classes, where)
	if styleDecls.bySig == nil {
		styleDecls.bySig = map[string]*styleDecl{}
	}
	styleDecls.bySig[sig] = d
	styleDecls.list = append(styleDecls.list, d)
	return d
}

// newStyleDecl returns the declaration of the stylesheet at path made at
// where; it panics, naming path, when path names no .css file.
func newStyleDecl(path string, classes []string, where string) *styleDecl {
	path = strings.TrimPrefix(path, "./")
	if path == "" || !strings.HasSuffix(path, ".css") {
		panic(fmt.Sprintf("gorsc: stylesheet %q: the path of a .css file below App.Dir is needed, like \"styles/global.css\"", path))
	}
	d := &styleDecl{path: path, where: where}
	if assets.IsCSSModule(path) {
		d.names = slices.Clone(classes)
		if d.names == nil {
			d.names = []string{}
		}
	}
	p := path
	d.node = &tree.Component{Name: "stylesheet " + path, Fn: func(ctx context.Context) (Node, error) {
		url, err := server.StylesheetURL(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("%w (linked by the declaration at %s)", err, d.where)
		}
		if url == "" {
			return nil, nil // a stylesheet without rules
		}
		return render.StylesheetLink(url), nil
	}}
	return d
}

// segmentStylesheets returns the nodes that link a segment's
// stylesheets, recording them for the app's Prepare; the registration
// is skip frames above the caller.
func (a *App) segmentStylesheets(paths []string, skip int) []tree.Node {
	var out []tree.Node
	for _, p := range paths {
		d := newStyleDecl(p, nil, caller(skip+1))
		a.sheets = append(a.sheets, d)
		out = append(out, d.node)
	}
	return out
}

// checkStyles is Prepare's check of the app's stylesheets and of the
// process's declarations against the build; it resolves the declared
// CSS Modules' class names.
func checkStyles(srv *server.Server, app []*styleDecl) error {
	styleDecls.Lock()
	decls := append(slices.Clone(app), styleDecls.list...)
	styleDecls.Unlock()
	var errs []string
	for _, d := range decls {
		st, ok := srv.Stylesheet(d.path)
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: %v", d.where, srv.NoStylesheet(d.path)))
			continue
		}
		if d.names == nil {
			continue
		}
		for _, n := range d.names {
			if _, ok := st.Classes[n]; !ok {
				errs = append(errs, fmt.Sprintf("%s: CSS Module %s has no class %q (it has: %s)", d.where, d.path, n, strings.Join(slices.Sorted(maps.Keys(st.Classes)), ", ")))
			}
		}
		if old := d.classes.Load(); old != nil && !maps.Equal(*old, st.Classes) {
			errs = append(errs, fmt.Sprintf("%s: CSS Module %s: another app of this process resolved its class names from another build (a development and a production build?); server components' CSS Modules need one build per process", d.where, d.path))
			continue
		}
		c := maps.Clone(st.Classes)
		d.classes.Store(&c)
	}
	if len(errs) > 0 {
		return fmt.Errorf("gorsc: stylesheets:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

// caller returns the file:line skip frames above caller's caller (0:
// caller's caller itself).
func caller(skip int) string {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return "an unknown line"
	}
	return fmt.Sprintf("%s:%d", file, line)
}
