// Package assets is the browser side of a gorsc app once built: the files
// (with their precompressed copies), the runtime entry, the client modules
// and React's inline streaming scripts. It saves a build to a directory and
// loads it back without esbuild, so a binary serving prebuilt assets links
// no bundler (internal/bundle builds a Result; this package only holds,
// compresses, saves and loads one).
package assets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/compress"
	"github.com/gorsc/gorsc/internal/fizz"
)

// Module is a built client module.
type Module struct {
	URL     string   // where the browser imports it from
	Exports []string // its export names
	// Imports are the URLs of the chunks the module imports statically,
	// directly or through other chunks, in a stable order: with URL, what
	// the browser needs before the module runs (for modulepreload).
	Imports []string `json:",omitempty"`
	// CSS lists the URLs of the stylesheets its imports need.
	CSS []string `json:",omitempty"`
}

// Stylesheet is a stylesheet of the app as built, for server components.
type Stylesheet struct {
	// URL is where the browser loads the stylesheet from; "" for a
	// stylesheet without rules.
	URL string `json:"url"`
	// Classes maps a CSS Module's class names to their scoped names
	// ("title" → "card_title" or, minified, "a"); nil for a plain
	// stylesheet.
	Classes map[string]string `json:"classes,omitempty"`
}

// Result is a finished build.
type Result struct {
	// Files maps URL paths to file contents.
	Files map[string][]byte
	// Encoded maps URL paths of Files to copies compressed once with a
	// content coding ("br", "gzip"), for the files a coding shrinks; nil
	// until Precompress.
	Encoded map[string]map[string][]byte
	// Bootstrap is the URL of the runtime entry module.
	Bootstrap string
	// Preload lists the URLs the bootstrap imports statically, for
	// <link rel="modulepreload">.
	Preload []string
	// Fizz holds React's inline streaming scripts, read from react-dom.
	Fizz *fizz.Runtime
	// Modules maps client module paths, relative to the app directory
	// with forward slashes ("components/Counter.tsx"; the runtime's own as
	// "gorsc:link.tsx"), to their built entry.
	Modules map[string]Module
	// Server is the server bundle: the client modules with React's server
	// renderer, as one script for internal/ssr; nil without one.
	Server []byte
	// Stylesheets maps the paths of the app's .css files, relative to the
	// app directory with forward slashes, to their build.
	Stylesheets map[string]Stylesheet
}

// Codings are the content codings files are precompressed with, in the
// server's order of preference: every browser that accepts zstd accepts
// brotli, whose best ratio beats zstd's on JavaScript.
var Codings = []string{compress.Brotli, compress.Gzip}

// extensions name the precompressed copy of a file in a saved build.
var extensions = map[string]string{compress.Brotli: ".br", compress.Gzip: ".gz"}

// EncodedName is the file name of name's copy compressed with coding in a
// saved build ("app-1a2b.js" → "app-1a2b.js.br").
func EncodedName(name, coding string) string { return name + extensions[coding] }

// minCompressed is the smallest file precompressed, in bytes.
const minCompressed = 512

// Precompress fills r.Encoded with each file of at least 512 bytes
// compressed with each of Codings that shrinks it. best selects the
// codings' highest ratios (brotli 11, gzip 9: about a second for React's
// runtime; for builds saved ahead of time) over speed (brotli 5, gzip 6:
// tens of milliseconds; for builds made at start). Files are compressed
// in parallel, one goroutine per CPU.
func (r *Result) Precompress(best bool) error {
	type job struct{ url, coding string }
	var jobs []job
	for url, body := range r.Files {
		if len(body) < minCompressed {
			continue
		}
		for _, c := range Codings {
			jobs = append(jobs, job{url, c})
		}
	}
	// The largest first, so that the slowest job starts at once.
	slices.SortFunc(jobs, func(a, b job) int { return len(r.Files[b.url]) - len(r.Files[a.url]) })
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int, len(jobs))
	for i := range jobs {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				func() {
					defer func() {
						if e := recover(); e != nil {
							errs[i] = fmt.Errorf("gorsc: compressing %s: panic: %v", jobs[i].url, e)
						}
					}()
					out[i], errs[i] = compress.Static(jobs[i].coding, r.Files[jobs[i].url], best)
				}()
			}
		})
	}
	wg.Wait()
	r.Encoded = map[string]map[string][]byte{}
	for i, j := range jobs {
		if errs[i] != nil {
			return errs[i]
		}
		if out[i] == nil {
			continue
		}
		if r.Encoded[j.url] == nil {
			r.Encoded[j.url] = map[string][]byte{}
		}
		r.Encoded[j.url][j.coding] = out[i]
	}
	return nil
}

// ManifestFile is the name of the manifest that Save writes beside the
// built files.
const ManifestFile = "gorsc-manifest.json"

// PublicDir is the app folder whose files are served at "/" paths
// (public/logo.svg at /logo.svg), as in Next.js; gorsc build copies it
// into its output, so embedded assets carry it.
const PublicDir = "public"

// manifest is what Save writes: everything of a Result but the file
// contents, which are files of their own.
type manifest struct {
	Version     int                   `json:"version"`
	Development bool                  `json:"development"`
	Bootstrap   string                `json:"bootstrap"`
	Preload     []string              `json:"preload"`
	Modules     map[string]Module     `json:"modules"`
	Stylesheets map[string]Stylesheet `json:"stylesheets,omitempty"`
	Fizz        *fizz.Runtime         `json:"fizz"`
	Files       []string              `json:"files"` // URL paths
	// Server is the file name of the server bundle (ServerFile), or
	// empty for assets without one (client components then render in the
	// browser only).
	Server string `json:"server,omitempty"`
	// Precompressed says the build holds its precompressed copies
	// (Encoded, as the file name plus ".br" or ".gz"); builds written
	// before gorsc compressed have none (the server compresses them at start).
	Precompressed bool                `json:"precompressed,omitempty"`
	Encoded       map[string][]string `json:"encoded,omitempty"` // URL path → codings
}

const manifestVersion = 2

// ServerFile is the file name of the server bundle in saved assets.
const ServerFile = "gorsc-server.js"

// Save writes the built files, their precompressed copies and a manifest
// into dir, so that an app can serve them later without Node,
// node_modules, a build or a compression at start (Load). File names are
// the URL paths without the public prefix.
func (r *Result) Save(dir string, development bool) error {
	m := manifest{Version: manifestVersion, Development: development, Bootstrap: r.Bootstrap, Preload: r.Preload, Modules: r.Modules, Stylesheets: r.Stylesheets, Fizz: r.Fizz,
		Precompressed: r.Encoded != nil, Encoded: map[string][]string{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if r.Server != nil {
		m.Server = ServerFile
		if err := os.WriteFile(filepath.Join(dir, ServerFile), r.Server, 0o644); err != nil {
			return err
		}
	}
	for url, body := range r.Files {
		m.Files = append(m.Files, url)
		if err := os.WriteFile(filepath.Join(dir, path.Base(url)), body, 0o644); err != nil {
			return err
		}
		for _, c := range Codings {
			enc, ok := r.Encoded[url][c]
			if !ok {
				continue
			}
			m.Encoded[url] = append(m.Encoded[url], c)
			if err := os.WriteFile(filepath.Join(dir, EncodedName(path.Base(url), c)), enc, 0o644); err != nil {
				return err
			}
		}
	}
	slices.Sort(m.Files)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestFile), append(data, '\n'), 0o644)
}

// HasManifest reports whether fsys holds a build that Save wrote: the
// ManifestFile at its root.
func HasManifest(fsys fs.FS) bool {
	if fsys == nil {
		return false
	}
	_, err := fs.Stat(fsys, ManifestFile)
	return err == nil
}

// Load reads a build that Save wrote into fsys (an os.DirFS, or an
// embed.FS for a single binary). It reports whether the build is a
// development one. A build saved without precompressed copies (before
// gorsc compressed) has a nil Encoded.
func Load(fsys fs.FS) (*Result, bool, error) {
	data, err := fs.ReadFile(fsys, ManifestFile)
	if err != nil {
		return nil, false, fmt.Errorf("gorsc: reading the prebuilt assets: %w (build them with: go run github.com/gorsc/gorsc/cmd/gorsc build)", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, false, fmt.Errorf("gorsc: %s: %w", ManifestFile, err)
	}
	if m.Version != manifestVersion {
		return nil, false, fmt.Errorf("gorsc: %s has version %d, this gorsc reads version %d; rebuild the assets", ManifestFile, m.Version, manifestVersion)
	}
	if m.Fizz == nil || m.Bootstrap == "" || m.Server != "" && m.Server != ServerFile {
		return nil, false, fmt.Errorf("gorsc: %s is incomplete; rebuild the assets", ManifestFile)
	}
	r := &Result{Files: map[string][]byte{}, Bootstrap: m.Bootstrap, Preload: m.Preload, Modules: m.Modules, Stylesheets: m.Stylesheets, Fizz: m.Fizz}
	if m.Server != "" {
		if r.Server, err = fs.ReadFile(fsys, ServerFile); err != nil {
			return nil, false, fmt.Errorf("gorsc: reading the prebuilt server bundle: %w", err)
		}
	}
	read := func(url, ext string) ([]byte, error) {
		name := path.Base(url)
		if strings.Contains(name, "..") || name == ManifestFile || name == ServerFile {
			return nil, fmt.Errorf("gorsc: %s lists a bad file %q", ManifestFile, url)
		}
		body, err := fs.ReadFile(fsys, name+ext)
		if err != nil {
			return nil, fmt.Errorf("gorsc: reading the prebuilt assets: %w", err)
		}
		return body, nil
	}
	for _, url := range m.Files {
		if r.Files[url], err = read(url, ""); err != nil {
			return nil, false, err
		}
	}
	if !m.Precompressed {
		return r, m.Development, nil
	}
	r.Encoded = map[string]map[string][]byte{}
	for url, codings := range m.Encoded {
		if _, ok := r.Files[url]; !ok {
			return nil, false, fmt.Errorf("gorsc: %s lists a compressed copy of %q, which is not one of its files; rebuild the assets", ManifestFile, url)
		}
		r.Encoded[url] = map[string][]byte{}
		for _, c := range codings {
			ext, ok := extensions[c]
			if !ok {
				return nil, false, fmt.Errorf("gorsc: %s lists an unknown coding %q for %q; rebuild the assets", ManifestFile, c, url)
			}
			if r.Encoded[url][c], err = read(url, ext); err != nil {
				return nil, false, err
			}
		}
	}
	return r, m.Development, nil
}

// ContentType returns the Content-Type of a built file by its name: its
// JavaScript, its stylesheets, and the files CSS references.
func ContentType(name string) string {
	switch path.Ext(name) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".woff":
		return "font/woff"
	case ".woff2":
		return "font/woff2"
	case ".ttf":
		return "font/ttf"
	case ".otf":
		return "font/otf"
	case ".eot":
		return "application/vnd.ms-fontobject"
	}
	return "application/octet-stream"
}

// IsCSSModule reports whether a stylesheet path names a CSS Module, whose
// class names are scoped: a file ending in ".module.css".
func IsCSSModule(p string) bool { return strings.HasSuffix(p, ".module.css") }

// ServerPartSeparator is the line between the parts of a server bundle
// (Result.Server), which the engine that runs it (internal/ssr) compiles
// apart: React, which changes with node_modules only, then the app's
// client modules (internal/bundle/server.go).
const ServerPartSeparator = "\n//# gorsc-server-part\n"
