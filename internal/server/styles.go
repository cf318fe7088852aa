package server

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/tree"
)

// Stylesheets. The client modules' CSS is linked beside each reference to
// them (render.Options.Stylesheets, from the build's Module.CSS); server
// components link the app's stylesheets by path (gorsc.Stylesheet,
// gorsc.CSSModule, App.Stylesheet, Segment.Stylesheets), resolved here
// from the build's Stylesheets.

// serverKey carries the *Server of a render in its context.
type serverKey struct{}

// moduleCSS returns the stylesheets of a client module.
func (b *clientBuild) moduleCSS(module string) []string { return b.assets.Modules[module].CSS }

// stylesheet returns the build of the stylesheet at path (relative to the
// app directory, with forward slashes), and whether the build has it.
func (b *clientBuild) stylesheet(path string) (assets.Stylesheet, bool) {
	st, ok := b.assets.Stylesheets[strings.TrimPrefix(path, "./")]
	return st, ok
}

// Stylesheet is the current build's stylesheet at path, and whether the
// build has it.
func (s *Server) Stylesheet(path string) (assets.Stylesheet, bool) {
	return s.cur.Load().stylesheet(path)
}

// StylesheetPaths lists the paths of the stylesheets the build has, for
// diagnostics.
func (s *Server) StylesheetPaths() []string {
	sheets := s.cur.Load().assets.Stylesheets
	out := make([]string, 0, len(sheets))
	for p := range sheets {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// StylesheetURL returns the URL of the stylesheet at path for the render
// that ctx belongs to ("" for a stylesheet without rules). Its error names
// path and the stylesheets the build has.
func StylesheetURL(ctx context.Context, path string) (string, error) {
	s, _ := ctx.Value(serverKey{}).(*Server)
	if s == nil {
		return "", fmt.Errorf("gorsc: stylesheet %q linked outside of a render", path)
	}
	st, ok := s.build(ctx).stylesheet(path)
	if !ok {
		return "", s.NoStylesheet(path)
	}
	return st.URL, nil
}

// NoStylesheet is the error for a stylesheet path the build lacks.
func (s *Server) NoStylesheet(path string) error {
	have := s.StylesheetPaths()
	list := strings.Join(have, ", ")
	if len(have) == 0 {
		list = "none"
	} else if len(have) > 20 {
		list = strings.Join(have[:20], ", ") + ", …"
	}
	where := "the app directory"
	if s.cfg.Assets != nil {
		where = "the prebuilt assets (rebuild them with gorsc build)"
	} else if s.cfg.Dir != "" {
		where = "the app directory " + s.cfg.Dir
	}
	return fmt.Errorf("no stylesheet %q in %s; paths are relative to App.Dir, and every .css file below it outside node_modules, public/ and hidden folders is built (have: %s)", path, where, list)
}

// document is the package's document(root) with the app's global
// stylesheets of the render's build (ctx) first in its <head>
// (Config.Stylesheets): before those of the layouts' and pages'
// components, whatever their place in the tree, so that those win at
// equal specificity.
func (s *Server) document(ctx context.Context, root tree.Node) tree.Node {
	root = document(root)
	if len(s.cfg.Stylesheets) == 0 {
		return root
	}
	links := make([]tree.Node, 0, len(s.cfg.Stylesheets))
	for _, p := range s.cfg.Stylesheets {
		if st, ok := s.build(ctx).stylesheet(p); ok && st.URL != "" {
			links = append(links, render.StylesheetLink(st.URL))
		}
	}
	if out, ok := intoHead(root, links); ok {
		return out
	}
	return root
}

// intoHead returns n with links first in the <head> of its <html> (or
// first in the <html>, which has no <head>), copying the path to it, and
// whether it found the <html>: through groups and fragments, as
// hasHTML.
func intoHead(n tree.Node, links []tree.Node) (tree.Node, bool) {
	switch n := n.(type) {
	case *tree.Element:
		if n == nil || n.Tag != "html" {
			return n, false
		}
		kids := n.Children()
		for i, c := range kids {
			if head, ok := c.(*tree.Element); ok && head != nil && head.Tag == "head" {
				kids = slices.Clone(kids)
				kids[i] = head.WithChildren(append(slices.Clone(links), head.Children()...))
				return n.WithChildren(kids), true
			}
		}
		return n.WithChildren(append(slices.Clone(links), kids...)), true
	case tree.Group:
		for i, c := range n {
			if out, ok := intoHead(c, links); ok {
				g := slices.Clone(n)
				g[i] = out
				return g, true
			}
		}
	case *tree.Fragment:
		if n == nil {
			return n, false
		}
		for i, c := range n.Children {
			if out, ok := intoHead(c, links); ok {
				f := *n
				f.Children = slices.Clone(n.Children)
				f.Children[i] = out
				return &f, true
			}
		}
	}
	return n, false
}
