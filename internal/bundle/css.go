package bundle

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// CSS. esbuild bundles it, like the client code, in the same build:
//
//   - A "use client" module that imports CSS ("./card.css", or a CSS
//     Module "./card.module.css" whose class names esbuild scopes, its
//     local-css loader) gets one stylesheet with everything its import
//     graph imports: esbuild's cssBundle of the entry, content-hashed
//     (Module.CSS).
//   - Every .css file below the app directory (outside node_modules,
//     public/, hidden folders and prebuilt-asset folders) is also built
//     on its own, for server components (Result.Stylesheets): a plain
//     stylesheet as a CSS entry point; a CSS Module through a small JS
//     entry that re-exports its class-name map, from which the build
//     reads the scoped names (Stylesheet.Classes) and whose cssBundle is
//     the stylesheet. The server copy of a CSS Module is a module of its
//     own (namespace cssLocalNamespace), so its scoped names never depend
//     on whether a client module imports the same file.
//
// Files that CSS references with url() (fonts, images) are copied as
// hashed files beside the bundle (assetLoaders).

// Stylesheet is a stylesheet built for server components.
type Stylesheet struct {
	// URL is where the browser loads the stylesheet from.
	URL string `json:"url"`
	// Classes maps a CSS Module's class names to their scoped names
	// ("title" → "card_title" or, minified, "a"); nil for a plain
	// stylesheet.
	Classes map[string]string `json:"classes,omitempty"`
}

// IsCSSModule reports whether a stylesheet path names a CSS Module, whose
// class names are scoped: a file ending in ".module.css".
func IsCSSModule(p string) bool { return strings.HasSuffix(p, ".module.css") }

const (
	// cssModuleNamespace holds the JS entries of server CSS Modules: the
	// path is the module's path relative to the app directory.
	cssModuleNamespace = "gorsc-css-module"
	// cssLocalNamespace holds the server copies of CSS Modules, loaded
	// with esbuild's local-css loader.
	cssLocalNamespace = "gorsc-css-local"
)

// assetLoaders are the loaders of files that CSS (or client code) imports
// by URL: copied to the output with a content hash.
var assetLoaders = map[string]api.Loader{
	".woff": api.LoaderFile, ".woff2": api.LoaderFile, ".ttf": api.LoaderFile, ".otf": api.LoaderFile, ".eot": api.LoaderFile,
	".png": api.LoaderFile, ".jpg": api.LoaderFile, ".jpeg": api.LoaderFile, ".gif": api.LoaderFile, ".webp": api.LoaderFile,
	".avif": api.LoaderFile, ".svg": api.LoaderFile, ".ico": api.LoaderFile,
}

// FindStylesheets lists the .css files below dir that are built for
// server components, as slash-separated paths relative to dir. It skips
// node_modules, hidden folders, the public/ folder (served as it is) and
// folders holding prebuilt assets (a gorsc-manifest.json), so that the
// output of "gorsc build" is never built again.
func FindStylesheets(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p == dir {
				return nil
			}
			if name == "node_modules" || strings.HasPrefix(name, ".") || p == filepath.Join(dir, PublicDir) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, ManifestFile)); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".css") && !strings.HasPrefix(name, ".") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// stylesheetEntries returns the esbuild entry points of the server
// stylesheets.
func stylesheetEntries(sheets []string) []string {
	out := make([]string, 0, len(sheets))
	for _, s := range sheets {
		if IsCSSModule(s) {
			out = append(out, cssModuleNamespace+":"+s)
		} else {
			out = append(out, "./"+s)
		}
	}
	return out
}

// cssPlugin serves the server CSS Module entries, loads CSS that imports
// Tailwind CSS through Tailwind's compiler (tailwind.go), and leaves the
// rest of the CSS to esbuild.
func cssPlugin(dir string, tw *tailwind) api.Plugin {
	return api.Plugin{
		Name: "gorsc-css",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^` + cssModuleNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, cssModuleNamespace+":"), Namespace: cssModuleNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: cssModuleNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src := "export { default } from " + strconv.Quote(cssLocalNamespace+":"+a.Path) + ";\n"
				return api.OnLoadResult{Contents: &src, ResolveDir: dir, Loader: api.LoaderJS}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `^` + cssLocalNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, cssLocalNamespace+":"), Namespace: cssLocalNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: cssLocalNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				abs := filepath.Join(dir, filepath.FromSlash(a.Path))
				return loadCSS(tw, abs, api.LoaderLocalCSS)
			})
			b.OnLoad(api.OnLoadOptions{Filter: `\.css$`}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				if !tw.uses(a.Path) {
					return api.OnLoadResult{}, nil // esbuild loads it as usual
				}
				loader := api.LoaderCSS
				if IsCSSModule(a.Path) {
					loader = api.LoaderLocalCSS
				}
				return loadCSS(tw, a.Path, loader)
			})
		},
	}
}

// loadCSS loads the CSS file at abs, through Tailwind when it imports it.
func loadCSS(tw *tailwind, abs string, loader api.Loader) (api.OnLoadResult, error) {
	src, err := os.ReadFile(abs)
	if err != nil {
		return api.OnLoadResult{}, err
	}
	s := string(src)
	if usesTailwind(src) {
		out, msgs := tw.compile(abs, src)
		if len(msgs) > 0 {
			return api.OnLoadResult{Errors: msgs}, nil
		}
		s = out
	}
	return api.OnLoadResult{Contents: &s, ResolveDir: filepath.Dir(abs), Loader: loader}, nil
}

// cssOutput is what the build learns about one server stylesheet from
// esbuild's metafile.
type cssOutput struct {
	css string // output path of the stylesheet
	js  string // output path of a CSS Module's JS entry ("" for plain CSS)
}

// readStylesheets fills res.Stylesheets from the server stylesheet
// outputs, and drops the CSS Modules' JS entries from res.Files (the
// browser never loads them).
func readStylesheets(res *Result, outs map[string]cssOutput, urlOf func(string) string) error {
	res.Stylesheets = map[string]Stylesheet{}
	for name, o := range outs {
		var st Stylesheet
		if o.css != "" { // esbuild writes no stylesheet for a module without rules
			st.URL = urlOf(o.css)
		}
		if o.js != "" {
			jsURL := urlOf(o.js)
			classes, err := parseClassMap(string(res.Files[jsURL]))
			if err != nil {
				return fmt.Errorf("gorsc: reading the class names of %s from esbuild's output: %w", name, err)
			}
			st.Classes = classes
			delete(res.Files, jsURL)
		}
		res.Stylesheets[name] = st
	}
	return nil
}

// parseClassMap reads the class-name map out of the JS entry esbuild
// writes for a server CSS Module: the object literal it exports as
// default, whose keys are the class names and whose values are string
// literals (esbuild resolves "composes" into the string), as in
//
//	import{d as a}from"/_gorsc/chunk-X.js";a();var e={title:"a",body:"b c","my-box":"d"};export{e as default};
func parseClassMap(js string) (map[string]string, error) {
	i, err := defaultObject(js)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	i++
	for {
		i = skipSpace(js, i)
		if i >= len(js) {
			return nil, fmt.Errorf("unterminated object literal")
		}
		if js[i] == '}' {
			return out, nil
		}
		var key string
		var err error
		if js[i] == '"' || js[i] == '\'' {
			if key, i, err = scanString(js, i); err != nil {
				return nil, err
			}
		} else {
			j := i
			for j < len(js) && (isIdentByte(js[j]) || js[j] >= 0x80) {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q in the class map", js[i])
			}
			key, i = js[i:j], j
		}
		i = skipSpace(js, i)
		if i >= len(js) || js[i] != ':' {
			return nil, fmt.Errorf("class %q: expected ':'", key)
		}
		i = skipSpace(js, i+1)
		val, j, err := scanString(js, i)
		if err != nil {
			return nil, fmt.Errorf("class %q: %w", key, err)
		}
		out[key] = val
		i = skipSpace(js, j)
		if i < len(js) && js[i] == ',' {
			i++
		}
	}
}

var (
	exportClause   = regexp.MustCompile(`export\s*\{\s*([\w$]+)\s+as\s+default\s*,?\s*\}`)
	exportDefault  = regexp.MustCompile(`export\s+default\s*\{`)
	declarationFmt = `(?:\bvar|\blet|\bconst|,)\s*%s\s*=\s*\{`
)

// defaultObject returns the index of the "{" that opens the object
// literal exported as default: "export default {…}", or the declaration
// "var e={…}" of the name in "export{e as default}".
func defaultObject(js string) (int, error) {
	if m := exportDefault.FindStringIndex(js); m != nil {
		return m[1] - 1, nil
	}
	m := exportClause.FindAllStringSubmatch(js, -1)
	if m == nil {
		return 0, fmt.Errorf("no default export")
	}
	name := m[len(m)-1][1]
	decl := regexp.MustCompile(fmt.Sprintf(declarationFmt, regexp.QuoteMeta(name)))
	d := decl.FindStringIndex(js)
	if d == nil {
		return 0, fmt.Errorf("no object literal for %s", name)
	}
	return d[1] - 1, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// scanString decodes the JavaScript string literal at s[i:] and returns
// it with the index after its closing quote. It decodes the escapes
// esbuild writes: \n-style, \xHH, \uHHHH (surrogate pairs joined) and
// \u{H…}.
func scanString(s string, i int) (string, int, error) {
	if i >= len(s) || (s[i] != '"' && s[i] != '\'') {
		return "", i, fmt.Errorf("expected a string literal")
	}
	q := s[i]
	var units []uint16 // UTF-16, as JavaScript strings are
	for i++; i < len(s); i++ {
		c := s[i]
		if c == q {
			return string(utf16.Decode(units)), i + 1, nil
		}
		if c == '\n' {
			break
		}
		if c != '\\' {
			r, size := rune(c), 1
			if c >= 0x80 {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			units = utf16.AppendRune(units, r)
			i += size - 1
			continue
		}
		i++
		if i >= len(s) {
			break
		}
		switch e := s[i]; e {
		case 'n':
			units = append(units, '\n')
		case 't':
			units = append(units, '\t')
		case 'r':
			units = append(units, '\r')
		case 'b':
			units = append(units, '\b')
		case 'f':
			units = append(units, '\f')
		case 'v':
			units = append(units, '\v')
		case '0':
			units = append(units, 0)
		case 'x', 'u':
			var hex string
			switch {
			case e == 'u' && i+1 < len(s) && s[i+1] == '{':
				end := strings.IndexByte(s[i:], '}')
				if end < 0 {
					return "", i, fmt.Errorf("bad \\u{} escape")
				}
				hex = s[i+2 : i+end]
				i += end
			default:
				n := 2
				if e == 'u' {
					n = 4
				}
				if i+n >= len(s) {
					return "", i, fmt.Errorf("bad escape")
				}
				hex = s[i+1 : i+1+n]
				i += n
			}
			v, err := strconv.ParseUint(hex, 16, 32)
			if err != nil || v > 0x10FFFF {
				return "", i, fmt.Errorf("bad escape \\%c%s", e, hex)
			}
			if v <= 0xFFFF {
				units = append(units, uint16(v)) // maybe half of a surrogate pair
			} else {
				units = utf16.AppendRune(units, rune(v))
			}
		case '\n':
			// a line continuation
		default:
			units = append(units, uint16(e))
		}
	}
	return "", i, fmt.Errorf("unterminated string literal")
}

// cssNamespaced strips the namespaces of the server CSS copies from a
// diagnostic's file name, so that it names the file in the app.
func cssNamespaced(file string) string {
	for _, ns := range []string{cssLocalNamespace + ":", cssModuleNamespace + ":"} {
		if strings.HasPrefix(file, ns) {
			return strings.TrimPrefix(file, ns)
		}
	}
	return file
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
