// Package bundle builds the browser side of a gorsc app with esbuild's Go
// API: it finds the app's "use client" modules, bundles them with the gorsc
// runtime (package client) and the app's own react, react-dom and
// react-server-dom-webpack as ES modules with code splitting and
// content-hashed file names. No Node runs at any point.
package bundle

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/runtime"
)

// Options configure a build.
type Options struct {
	// Dir is the app directory: client components are found below it and
	// npm packages are resolved from its node_modules.
	Dir string
	// PublicPath is the URL prefix the files are served under, ending in
	// "/" (default "/_gorsc/").
	PublicPath string
	// Development builds React's development bundles, unminified.
	Development bool
	// Exclude lists directories (absolute, or relative to Dir) that hold
	// no client modules: a build's output directory. Directories that
	// hold a build's manifest (ManifestFile) are skipped anyway.
	Exclude []string
}

// Module and Result are the assets package's: a build as served, saved
// and loaded, which a binary serving prebuilt assets reads without
// linking this package (and esbuild).
type (
	Module = assets.Module
	Result = assets.Result
)

// ManifestFile and ServerFile are the assets package's file names.
const (
	ManifestFile = assets.ManifestFile
	ServerFile   = assets.ServerFile
)

// Load reads prebuilt assets (assets.Load).
func Load(fsys fs.FS) (*Result, bool, error) { return assets.Load(fsys) }

// Message is a build diagnostic with its location.
type Message struct {
	File   string
	Line   int // 1-based; 0 when unknown
	Column int // 0-based byte column
	Text   string
	Source string // the line's text
	Notes  []string
}

func (m Message) String() string {
	loc := m.File
	if m.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", m.File, m.Line, m.Column+1)
	}
	s := loc + ": " + m.Text
	if m.Source != "" {
		s += "\n    " + m.Source
	}
	for _, n := range m.Notes {
		s += "\n  note: " + n
	}
	return s
}

// Error is a failed build, with every error esbuild reported.
type Error struct {
	Messages []Message
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("gorsc: bundling the client code failed:")
	for _, m := range e.Messages {
		b.WriteString("\n  ")
		b.WriteString(m.String())
	}
	return b.String()
}

const runtimeNamespace = "gorsc"

// runtimeClientModules are the "use client" modules of the runtime.
var runtimeClientModules = []string{"link.tsx", "error-boundary.tsx", "segment.tsx"}

// Build bundles the app in opts.Dir once (a Builder's first build).
func Build(opts Options) (*Result, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.Build()
}

func messages(dir string, ms []api.Message) []Message {
	out := make([]Message, 0, len(ms))
	for _, m := range ms {
		msg := Message{Text: m.Text}
		if m.Location != nil {
			msg.File = m.Location.File
			msg.Line = m.Location.Line
			msg.Column = m.Location.Column
			msg.Source = m.Location.LineText
			if m.Location.Suggestion != "" {
				msg.Notes = append(msg.Notes, "suggestion: "+m.Location.Suggestion)
			}
		}
		for _, n := range m.Notes {
			msg.Notes = append(msg.Notes, n.Text)
		}
		out = append(out, msg)
	}
	return out
}

// runtimePlugin serves the embedded runtime sources as "gorsc:<file>"
// modules whose imports resolve from the app directory, so the runtime uses
// the app's copy of React.
func runtimePlugin(dir string) api.Plugin {
	return api.Plugin{
		Name: "gorsc-runtime",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^gorsc:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, runtimeNamespace+":"), Namespace: runtimeNamespace}, nil
			})
			// The client API of the app's "use client" modules.
			b.OnResolve(api.OnResolveOptions{Filter: `^` + ClientAPIModule + `$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: "client.ts", Namespace: runtimeNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: runtimeNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				name := a.Path
				src, err := fs.ReadFile(runtime.Files, name)
				if err != nil {
					return api.OnLoadResult{}, fmt.Errorf("no gorsc runtime module %q", name)
				}
				s := string(src)
				loader := api.LoaderTS
				if path.Ext(name) == ".tsx" {
					loader = api.LoaderTSX
				}
				return api.OnLoadResult{Contents: &s, ResolveDir: dir, Loader: loader}, nil
			})
		},
	}
}

// hasPackage reports whether an npm package resolves from dir, looking in
// node_modules of dir and of its parents, as Node and esbuild do.
func hasPackage(dir, name string) bool {
	_, ok := packageDir(dir, name)
	return ok
}

// FindClientModules lists the files below dir (outside node_modules and
// hidden directories) whose first statement is the "use client" directive,
// as slash-separated paths relative to dir.
//
// Directories holding a build's output (a ManifestFile) are skipped too:
// what gorsc build wrote never becomes its input.
func FindClientModules(dir string) ([]string, error) {
	return findClientModules(dir, nil)
}

func findClientModules(dir string, exclude []string) ([]string, error) {
	skip, err := excluded(dir, exclude)
	if err != nil {
		return nil, err
	}
	var out []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (name == "node_modules" || strings.HasPrefix(name, ".") || skip(p)) {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(name) {
		case ".tsx", ".ts", ".jsx", ".js", ".mjs":
		default:
			return nil
		}
		if strings.HasSuffix(name, ".d.ts") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if HasUseClient(src) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// HasUseClient reports whether src starts with a "use client" directive,
// after comments and other directives.
func HasUseClient(src []byte) bool {
	s := src
	for {
		s = bytes.TrimLeft(s, " \t\r\n\ufeff")
		switch {
		case bytes.HasPrefix(s, []byte("//")):
			i := bytes.IndexByte(s, '\n')
			if i < 0 {
				return false
			}
			s = s[i+1:]
		case bytes.HasPrefix(s, []byte("/*")):
			i := bytes.Index(s, []byte("*/"))
			if i < 0 {
				return false
			}
			s = s[i+2:]
		case len(s) > 0 && (s[0] == '"' || s[0] == '\''):
			q := s[0]
			end := bytes.IndexByte(s[1:], q)
			if end < 0 {
				return false
			}
			if string(s[1:1+end]) == "use client" {
				return true
			}
			s = bytes.TrimLeft(s[end+2:], " \t")
			s = bytes.TrimPrefix(s, []byte(";"))
		default:
			return false
		}
	}
}
