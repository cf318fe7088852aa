package bundle

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/gorsc/gorsc/internal/assets"
)

// A build's output directory ("gorsc build -out dist") lives inside the app
// directory, so that //go:embed can reach it. These helpers keep it from
// ever becoming the build's input, and let a build run any number of times.

// PlaceholderFile is the file WriteDir leaves in an output directory, so
// that the directory exists (and //go:embed all:dist compiles) before the
// first build, in a fresh clone where the built files are not committed.
const PlaceholderFile = ".gitignore"

// placeholder is PlaceholderFile's content: git ignores the built files
// but keeps the directory.
const placeholder = `# Written by gorsc build. The built browser assets in this directory are
# not committed; this file is, so that the directory exists and
# //go:embed all:dist compiles before the first build.
*
!.gitignore
`

// WritePlaceholder creates dir and its PlaceholderFile unless they exist.
func WritePlaceholder(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p := filepath.Join(dir, PlaceholderFile)
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	return os.WriteFile(p, []byte(placeholder), 0o644)
}

// excluded returns the test the client-module scan uses to skip a
// directory: one of exclude (absolute, or relative to dir), or one that
// holds a ManifestFile (any build's output, wherever it was written).
func excluded(dir string, exclude []string) (func(string) bool, error) {
	abs := make(map[string]bool, len(exclude))
	for _, e := range exclude {
		if !filepath.IsAbs(e) {
			e = filepath.Join(dir, e)
		}
		a, err := filepath.Abs(e)
		if err != nil {
			return nil, err
		}
		abs[a] = true
	}
	return func(p string) bool {
		if abs[p] {
			return true
		}
		_, err := os.Stat(filepath.Join(p, ManifestFile))
		return err == nil
	}, nil
}

// WriteDir writes the build r into dir as Save does, for a build that may
// run any number of times over the same directory: it first removes the
// files that the previous build listed in dir's manifest and this one no
// longer has (with their .br and .gz copies), and nothing else (files of
// the user's, the placeholder), and it leaves the PlaceholderFile. It
// returns how many stale files it removed.
func WriteDir(r *Result, dir string, development bool) (removed int, err error) {
	if err := WritePlaceholder(dir); err != nil {
		return 0, err
	}
	old, err := previousFiles(dir)
	if err != nil {
		return 0, err
	}
	keep := make(map[string]bool, len(r.Files))
	for url := range r.Files {
		name := path.Base(url)
		keep[name] = true
		for c := range r.Encoded[url] {
			keep[assets.EncodedName(name, c)] = true
		}
	}
	remove := func(name string) error {
		if keep[name] {
			return nil
		}
		switch err := os.Remove(filepath.Join(dir, name)); {
		case err == nil:
			removed++
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
		return nil
	}
	for _, name := range old {
		if err := remove(name); err != nil {
			return removed, err
		}
		for _, c := range assets.Codings {
			if err := remove(assets.EncodedName(name, c)); err != nil {
				return removed, err
			}
		}
	}
	if len(r.Server) == 0 { // a build without a server bundle: drop the old one
		if err := os.Remove(filepath.Join(dir, ServerFile)); err == nil {
			removed++
		}
	}
	return removed, r.Save(dir, development)
}

// previousFiles lists the file names that the manifest in dir (if any)
// says an earlier build wrote. A name that is not a plain file name in
// dir is an error: the manifest is not one gorsc wrote.
func previousFiles(dir string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m struct {
		Files []string `json:"files"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("gorsc: %s: %w (remove the directory's built files by hand)", filepath.Join(dir, ManifestFile), err)
	}
	out := make([]string, 0, len(m.Files))
	for _, url := range m.Files {
		name := path.Base(url)
		if name == "." || name == "/" || name == ".." || strings.ContainsAny(name, `/\`) || name == ManifestFile || name == PlaceholderFile {
			return nil, fmt.Errorf("gorsc: %s lists %q, which gorsc build never writes; remove the directory's built files by hand", filepath.Join(dir, ManifestFile), url)
		}
		out = append(out, name)
	}
	return out, nil
}
