// Package scaffold writes a new gorsc app ("gorsc new DIR"): a Go module
// requiring gorsc and modernc.org/sqlite, package.json with pinned React,
// a root layout, two pages, a client component with a typed server action
// prop, a form whose action writes to SQLite (with validation, JavaScript
// on and off), a stylesheet and a Go test. The database file is created
// on first start.
package scaffold

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"embed"

	"github.com/gorsc/gorsc/internal/bundle"
)

//go:embed all:files
var files embed.FS

// GorscModule is gorsc's module path.
const GorscModule = "github.com/gorsc/gorsc"

// Source says how a new app's go.mod gets gorsc: a published version, or
// a local checkout (a replace directive; its Version is then v0.0.0).
type Source struct {
	Version string
	Dir     string // a local checkout, for a replace directive; "" for none
}

func (s Source) String() string {
	if s.Dir != "" {
		return "the local checkout " + s.Dir
	}
	return GorscModule + " " + s.Version
}

// Locate tells how this gorsc binary can be required by a new app: the
// version it was built at (go run github.com/gorsc/gorsc/cmd/gorsc@v1.2.3,
// or as a dependency of the current module), else the checkout its
// sources are in (go run ./cmd/gorsc inside a clone, where the module is
// not published).
func Locate() (Source, error) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		mods := append([]*debug.Module{&bi.Main}, bi.Deps...)
		for _, m := range mods {
			if m.Path != GorscModule {
				continue
			}
			if r := m.Replace; r != nil {
				if isLocalPath(r.Path) {
					if dir, ok := checkout(r.Path); ok {
						return Source{Version: "v0.0.0", Dir: dir}, nil
					}
				} else if r.Version != "" {
					return Source{Version: r.Version}, nil
				}
			}
			if m.Version != "" && m.Version != "(devel)" {
				return Source{Version: m.Version}, nil
			}
		}
	}
	// Built from a checkout: this file's directory is internal/scaffold in it.
	_, file, _, ok := runtime.Caller(0)
	if ok {
		if dir, ok := checkout(filepath.Join(filepath.Dir(file), "..", "..")); ok {
			return Source{Version: "v0.0.0", Dir: dir}, nil
		}
	}
	return Source{}, errors.New("gorsc new: cannot tell which gorsc the app should require (this binary has no module version and its checkout is not on disk); pass -gorsc-version v… or -gorsc-dir /path/to/gorsc")
}

func isLocalPath(p string) bool {
	return filepath.IsAbs(p) || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../")
}

// checkout reports whether dir is a gorsc checkout (its go.mod declares
// the gorsc module) and returns its absolute path.
func checkout(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	f, err := os.Open(filepath.Join(abs, "go.mod"))
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 2 && fields[0] == "module" {
			return abs, strings.Trim(fields[1], `"`) == GorscModule
		}
	}
	return "", false
}

// Options configure Create.
type Options struct {
	// Dir is the new app's directory: it must not exist, or be empty.
	Dir string
	// Module is the Go module path; default the directory's name.
	Module string
	// Gorsc says how go.mod requires gorsc.
	Gorsc Source
}

var nameRE = regexp.MustCompile(`[^a-z0-9._-]+`)

// Create writes the app into opts.Dir and returns the files written,
// slash-separated and relative to it.
func Create(opts Options) ([]string, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return nil, fmt.Errorf("gorsc new: %s exists and is not empty; choose a new directory", dir)
	}
	name := strings.Trim(nameRE.ReplaceAllString(strings.ToLower(filepath.Base(dir)), "-"), "-.")
	if name == "" {
		name = "app"
	}
	module := opts.Module
	if module == "" {
		module = name
	}
	if opts.Gorsc.Version == "" {
		return nil, errors.New("gorsc new: no gorsc version to require")
	}
	replace := ""
	if opts.Gorsc.Dir != "" {
		replace = fmt.Sprintf("\n// This gorsc is not published: use the local checkout.\nreplace %s => %s\n", GorscModule, opts.Gorsc.Dir)
	}
	r := strings.NewReplacer("__MODULE__", module, "__NAME__", name, "__GORSC_VERSION__", opts.Gorsc.Version, "__REPLACE__", replace)
	var wrote []string
	err = fs.WalkDir(files, "files", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "files/")
		if strings.HasSuffix(rel, ".tmpl") {
			rel = strings.TrimSuffix(rel, ".tmpl")
			body = []byte(r.Replace(string(body)))
		}
		if path.Base(rel) == "gitignore" {
			rel = path.Join(path.Dir(rel), ".gitignore")
		}
		out := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		wrote = append(wrote, rel)
		return os.WriteFile(out, body, 0o644)
	})
	if err != nil {
		return wrote, err
	}
	// dist/ with its placeholder, so //go:embed all:dist compiles before
	// the first gorsc build.
	if err := bundle.WritePlaceholder(filepath.Join(dir, "dist")); err != nil {
		return wrote, err
	}
	wrote = append(wrote, "dist/"+bundle.PlaceholderFile)
	// The types of gorsc/client; Counter.props.ts comes generated (gorsc
	// build and gorsc types write it again from the Go code).
	if _, err := bundle.WriteClientTypes(dir); err != nil {
		return wrote, err
	}
	wrote = append(wrote, bundle.ClientTypesFile)
	return wrote, nil
}
