package gorsc

import (
	"fmt"
	"strings"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/style"
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
	return style.Declare(path, nil, 1).Node
}

// CSSClasses is a CSS Module used by server components: made by
// [CSSModule], it maps the module's class names to the scoped names of
// the build and links its stylesheet.
type CSSClasses struct {
	d *style.Decl
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
	return &CSSClasses{d: style.Declare(path, classes, 1)}
}

// Class returns the scoped name of a class of the module, for
// html.Class. It panics, naming the declaration, for a class that the
// declaration does not list (add it there, so that a typo fails at
// start-up), or when no app of the process has been prepared yet.
func (m *CSSClasses) Class(name string) string { return m.d.Class(name) }

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
func (m *CSSClasses) Stylesheet() Node { return m.d.Node }

// Path returns the module's path, relative to App.Dir.
func (m *CSSClasses) Path() string { return m.d.Path }

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
	d := style.New(path, nil, style.Caller(1))
	a.sheets = append(a.sheets, d)
	a.docSheets = append(a.docSheets, d.Path)
}

// segmentStylesheets returns the nodes that link a segment's
// stylesheets, recording them for the app's Prepare; the registration
// is skip frames above the caller.
func (a *App) segmentStylesheets(paths []string, skip int) []tree.Node {
	var out []tree.Node
	for _, p := range paths {
		d := style.New(p, nil, style.Caller(skip+1))
		a.sheets = append(a.sheets, d)
		out = append(out, d.Node)
	}
	return out
}
