// Package style holds the stylesheets and CSS Modules that server
// components declare (gorsc.Stylesheet, gorsc.CSSModule, App.Stylesheet,
// Segment.Stylesheets): their registry, the node that links each one,
// and App.Prepare's check of the declarations against the build, which
// resolves CSS Modules' scoped class names.
package style

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

// Decl is a stylesheet or CSS Module that Go code links.
type Decl struct {
	Path  string   // relative to App.Dir, forward slashes ("styles/card.css")
	Names []string // the classes a CSS Module's declaration lists; nil for a plain stylesheet
	Where string   // file:line of the declaration
	Node  tree.Node
	// classes are the module's scoped class names, set by Check.
	classes atomic.Pointer[map[string]string]
}

// decls are the declarations of the process, checked by every app's
// Prepare: one per call site, path and classes, so that a call made on
// every render adds nothing after the first.
var decls struct {
	sync.Mutex
	list  []*Decl
	bySig map[string]*Decl
}

// Declare records a process-wide declaration (gorsc.Stylesheet,
// gorsc.CSSModule) made skip frames above Declare's caller (1: the
// caller's caller). It panics as New does.
func Declare(path string, classes []string, skip int) *Decl {
	where := Caller(skip + 1)
	sig := path + "\x00" + where + "\x00" + strings.Join(classes, "\x00")
	decls.Lock()
	defer decls.Unlock()
	if d, ok := decls.bySig[sig]; ok {
		return d
	}
	d := New(path, classes, where)
	if decls.bySig == nil {
		decls.bySig = map[string]*Decl{}
	}
	decls.bySig[sig] = d
	decls.list = append(decls.list, d)
	return d
}

// New returns the declaration of the stylesheet at path made at where,
// not recorded for the process (an app's own, which it passes to Check);
// it panics, naming path, when path names no .css file.
func New(path string, classes []string, where string) *Decl {
	path = strings.TrimPrefix(path, "./")
	if path == "" || !strings.HasSuffix(path, ".css") {
		panic(fmt.Sprintf("gorsc: stylesheet %q: the path of a .css file below App.Dir is needed, like \"styles/global.css\"", path))
	}
	d := &Decl{Path: path, Where: where}
	if assets.IsCSSModule(path) {
		d.Names = slices.Clone(classes)
		if d.Names == nil {
			d.Names = []string{}
		}
	}
	d.Node = &tree.Component{Name: "stylesheet " + path, Fn: func(ctx context.Context) (tree.Node, error) {
		url, err := server.StylesheetURL(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("%w (linked by the declaration at %s)", err, d.Where)
		}
		if url == "" {
			return nil, nil // a stylesheet without rules
		}
		return render.StylesheetLink(url), nil
	}}
	return d
}

// Class returns the scoped name of a class of the module d declares. It
// panics, naming the declaration, for a class the declaration does not
// list, or before any app of the process resolved the names (Check).
func (d *Decl) Class(name string) string {
	names := d.classes.Load()
	if names == nil {
		panic(fmt.Sprintf("gorsc: CSSModule(%q) (declared at %s): Class(%q) before App.Prepare resolved the module's class names", d.Path, d.Where, name))
	}
	if !slices.Contains(d.Names, name) {
		panic(fmt.Sprintf("gorsc: CSSModule(%q) (declared at %s): class %q is not declared; add it to the CSSModule call so that App.Prepare checks it", d.Path, d.Where, name))
	}
	return (*names)[name]
}

// Check is Prepare's check of an app's own declarations and of the
// process's against the build that srv serves; it resolves the declared
// CSS Modules' class names. The error lists every problem, each with the
// declaration's file:line.
func Check(srv *server.Server, app []*Decl) error {
	decls.Lock()
	all := append(slices.Clone(app), decls.list...)
	decls.Unlock()
	var errs []string
	for _, d := range all {
		st, ok := srv.Stylesheet(d.Path)
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: %v", d.Where, srv.NoStylesheet(d.Path)))
			continue
		}
		if d.Names == nil {
			continue
		}
		for _, n := range d.Names {
			if _, ok := st.Classes[n]; !ok {
				errs = append(errs, fmt.Sprintf("%s: CSS Module %s has no class %q (it has: %s)", d.Where, d.Path, n, strings.Join(slices.Sorted(maps.Keys(st.Classes)), ", ")))
			}
		}
		if old := d.classes.Load(); old != nil && !maps.Equal(*old, st.Classes) {
			errs = append(errs, fmt.Sprintf("%s: CSS Module %s: another app of this process resolved its class names from another build (a development and a production build?); server components' CSS Modules need one build per process", d.Where, d.Path))
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

// Caller returns the file:line skip frames above Caller's caller (0:
// Caller's caller itself).
func Caller(skip int) string {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return "an unknown line"
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// Snapshot returns a function that drops the process's declarations made
// after Snapshot: tests that declare stylesheets at run time call it so
// that the other apps of the test binary do not check them.
func Snapshot() (restore func()) {
	decls.Lock()
	n := len(decls.list)
	decls.Unlock()
	return func() {
		decls.Lock()
		defer decls.Unlock()
		for sig, d := range decls.bySig {
			if slices.Contains(decls.list[n:], d) {
				delete(decls.bySig, sig)
			}
		}
		decls.list = decls.list[:n]
	}
}
