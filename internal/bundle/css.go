package bundle

import (
	"encoding/json"
	"fmt"
	"github.com/gorsc/gorsc/internal/assets"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// CSS is built in two esbuild passes, so that a CSS Module has one set of
// scoped class names wherever it is used:
//
//  1. buildStylesheets: every .css file below the app directory (outside
//     node_modules, public/, hidden folders and prebuilt-asset folders),
//     for server components (Result.Stylesheets): a plain stylesheet as
//     a CSS entry point; a CSS Module ("*.module.css", esbuild's
//     local-css loader, which scopes its class names) through a small JS
//     entry that re-exports its class-name map, from which the build
//     reads the scoped names (Stylesheet.Classes), and whose cssBundle is
//     the stylesheet. With code splitting: esbuild links the entries of a
//     build without it one by one, naming the classes of each apart, so
//     that two modules' names could clash on one page.
//  2. The client build (Build): a "use client" module that imports a CSS
//     Module of the app gets, through cssPlugin, a JS module exporting
//     the names of pass 1 and importing pass 1's CSS as plain CSS; other
//     CSS imports ("./card.css") esbuild bundles as usual. Each client
//     entry gets one stylesheet with everything its import graph imports:
//     esbuild's cssBundle of the entry, content-hashed (Module.CSS).
//
// So a server component and a client component using the same CSS Module
// agree on its class names, and a server bundle that renders client
// components can use them too (ClassesPlugin). Files that CSS references
// with url() (fonts, images) are copied as hashed files beside the bundle
// (assetLoaders).

// Stylesheet is a stylesheet built for server components.
// Stylesheet is a stylesheet of the app as built (assets.Stylesheet).
type Stylesheet = assets.Stylesheet

// IsCSSModule is assets.IsCSSModule.
func IsCSSModule(p string) bool { return assets.IsCSSModule(p) }

const (
	// cssModuleNamespace holds pass 1's JS entries of CSS Modules: the
	// path is the module's path relative to the app directory.
	cssModuleNamespace = "gorsc-css-module"
	// cssBuiltNamespace holds pass 2's JS modules of CSS Modules built
	// by pass 1 (their scoped names), and cssTextNamespace their CSS.
	cssBuiltNamespace = "gorsc-css-built"
	cssTextNamespace  = "gorsc-css-text"
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

// builtCSS is pass 1's result.
type builtCSS struct {
	files  map[string][]byte     // URL path → content: stylesheets and url() assets
	sheets map[string]Stylesheet // by path relative to the app directory
	text   map[string]string     // a CSS Module's stylesheet, by path
}

// buildStylesheets is pass 1: it builds every stylesheet of the app
// (sheets) with the options of the client build, adding the files it
// read to inputs.
func (b *Builder) buildStylesheets(sheets []string, inputs map[string]bool) (*builtCSS, error) {
	dir, public := b.dir, b.public
	out := &builtCSS{files: map[string][]byte{}, sheets: map[string]Stylesheet{}, text: map[string]string{}}
	if len(sheets) == 0 {
		b.css.dispose()
		return out, nil
	}
	entries := make([]string, 0, len(sheets))
	for _, s := range sheets {
		if IsCSSModule(s) {
			entries = append(entries, cssModuleNamespace+":"+s)
		} else {
			entries = append(entries, "./"+s)
		}
	}
	outdir := filepath.Join(dir, ".gorsc-out") // never written: Write is false
	res, err := b.css.run(dir, entries, func() api.BuildOptions {
		o := b.clientOptions(entries, outdir)
		o.Plugins = []api.Plugin{moduleEntryPlugin(dir), tailwindPlugin(func() *tailwind { return b.tw })}
		return o
	})
	if err != nil {
		return nil, err
	}
	contents := map[string][]byte{}
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(outdir, f.Path)
		if err != nil {
			return nil, err
		}
		contents[filepath.ToSlash(rel)] = f.Contents
	}
	meta, err := readMetafile(res.Metafile, inputs)
	if err != nil {
		return nil, err
	}
	rel := func(outPath string) string {
		r, _ := filepath.Rel(outdir, filepath.Join(dir, outPath))
		return filepath.ToSlash(r)
	}
	for _, s := range sheets {
		out.sheets[s] = Stylesheet{} // a module without rules has no output
	}
	for outPath, o := range meta.Outputs {
		name, module := strings.CutPrefix(o.EntryPoint, cssModuleNamespace+":")
		css := outPath
		if module {
			css = o.CSSBundle
		} else if o.EntryPoint == "" || !strings.HasSuffix(outPath, ".css") {
			continue
		}
		var st Stylesheet
		if css != "" {
			st.URL = public + rel(css)
		}
		if module {
			classes, err := classMap(contents, rel(outPath))
			if err != nil {
				return nil, fmt.Errorf("gorsc: reading the class names of %s from esbuild's output: %w", name, err)
			}
			st.Classes = classes
			if css != "" {
				out.text[name] = string(contents[rel(css)])
			}
		}
		out.sheets[filepath.ToSlash(name)] = st
	}
	for name, body := range contents {
		if !strings.HasSuffix(name, ".js") { // the CSS Modules' JS is never served
			out.files[public+name] = body
		}
	}
	return out, nil
}

// moduleEntryPlugin serves pass 1's JS entries of CSS Modules.
func moduleEntryPlugin(dir string) api.Plugin {
	return api.Plugin{
		Name: "gorsc-css-module",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^` + cssModuleNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, cssModuleNamespace+":"), Namespace: cssModuleNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: cssModuleNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src := "export { default } from " + strconv.Quote("./"+a.Path) + ";\n"
				return api.OnLoadResult{Contents: &src, ResolveDir: dir, Loader: api.LoaderJS}, nil
			})
		},
	}
}

// tailwindPlugin loads the CSS that uses Tailwind CSS through Tailwind's
// compiler (tailwind.go) and leaves the rest to esbuild.
func tailwindPlugin(tw func() *tailwind) api.Plugin {
	return api.Plugin{
		Name: "gorsc-tailwind",
		Setup: func(b api.PluginBuild) {
			b.OnLoad(api.OnLoadOptions{Filter: `\.css$`, Namespace: "file"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src, err := os.ReadFile(a.Path)
				if err != nil || !usesTailwind(src) {
					return api.OnLoadResult{}, nil // esbuild loads it as usual
				}
				css, msgs := tw().compile(a.Path, src)
				if len(msgs) > 0 {
					return api.OnLoadResult{Errors: msgs}, nil
				}
				loader := api.LoaderCSS
				if IsCSSModule(a.Path) {
					loader = api.LoaderLocalCSS
				}
				return api.OnLoadResult{Contents: &css, ResolveDir: filepath.Dir(a.Path), Loader: loader}, nil
			})
		},
	}
}

// ClassesPlugin is pass 2's part of cssPlugin, for any esbuild build of
// the app's client code (the browser's, or a server bundle that renders
// client components): a JS import of a CSS Module of the app resolves to
// a module exporting the scoped names of the app's build, as a default
// object and as named exports, and, when withCSS is set, importing its
// stylesheet as plain CSS.
func ClassesPlugin(dir string, sheets map[string]Stylesheet, text map[string]string, withCSS bool) api.Plugin {
	return classesPlugin(dir, func() *builtCSS { return &builtCSS{sheets: sheets, text: text} }, withCSS)
}

// classesPlugin is ClassesPlugin reading the stylesheets of the build
// that runs (a Builder's contexts outlive one build).
func classesPlugin(dir string, built func() *builtCSS, withCSS bool) api.Plugin {
	return api.Plugin{
		Name: "gorsc-css-classes",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `\.module\.css$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				switch a.Kind {
				case api.ResolveJSImportStatement, api.ResolveJSRequireCall, api.ResolveJSDynamicImport:
				default:
					return api.OnResolveResult{}, nil
				}
				p := a.Path
				if !filepath.IsAbs(p) {
					if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
						return api.OnResolveResult{}, nil // a package's: esbuild's own local-css
					}
					p = filepath.Join(a.ResolveDir, p)
				}
				rel, err := filepath.Rel(dir, p)
				if err != nil {
					return api.OnResolveResult{}, nil
				}
				rel = filepath.ToSlash(rel)
				if st, ok := built().sheets[rel]; !ok || st.Classes == nil {
					return api.OnResolveResult{}, nil
				}
				return api.OnResolveResult{Path: rel, Namespace: cssBuiltNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: cssBuiltNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				var src strings.Builder
				css := built()
				if _, ok := css.text[a.Path]; ok && withCSS {
					src.WriteString("import " + strconv.Quote(cssTextNamespace+":"+a.Path) + ";\n")
				}
				classes := css.sheets[a.Path].Classes
				data, _ := json.Marshal(classes)
				src.WriteString("export default " + string(data) + ";\n")
				for _, k := range slices.Sorted(maps.Keys(classes)) {
					if isIdentifier(k) {
						src.WriteString("export const " + k + " = " + strconv.Quote(classes[k]) + ";\n")
					}
				}
				s := src.String()
				return api.OnLoadResult{Contents: &s, ResolveDir: dir, Loader: api.LoaderJS}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `^` + cssTextNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, cssTextNamespace+":"), Namespace: cssTextNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: cssTextNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				s := built().text[a.Path]
				return api.OnLoadResult{Contents: &s, ResolveDir: dir, Loader: api.LoaderCSS}, nil
			})
		},
	}
}

// cssPlugin is pass 2's CSS: CSS Modules of the app through
// ClassesPlugin, Tailwind stylesheets through Tailwind, and the URLs of
// pass 1's assets (in the CSS it hands over) left as they are.
func (b *Builder) cssPlugin() []api.Plugin {
	external := api.Plugin{
		Name: "gorsc-css-assets",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `^` + regexp.QuoteMeta(b.public)}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				if a.Kind != api.ResolveCSSURLToken {
					return api.OnResolveResult{}, nil
				}
				return api.OnResolveResult{Path: a.Path, External: true}, nil
			})
		},
	}
	return []api.Plugin{classesPlugin(b.dir, func() *builtCSS { return b.built }, true), tailwindPlugin(func() *tailwind { return b.tw }), external}
}

// jsReserved are the words that cannot name an export binding.
var jsReserved = map[string]bool{
	"await": true, "break": true, "case": true, "catch": true, "class": true, "const": true, "continue": true,
	"debugger": true, "default": true, "delete": true, "do": true, "else": true, "enum": true, "export": true,
	"extends": true, "false": true, "finally": true, "for": true, "function": true, "if": true, "implements": true,
	"import": true, "in": true, "instanceof": true, "interface": true, "let": true, "new": true, "null": true,
	"package": true, "private": true, "protected": true, "public": true, "return": true, "static": true,
	"super": true, "switch": true, "this": true, "throw": true, "true": true, "try": true, "typeof": true,
	"var": true, "void": true, "while": true, "with": true, "yield": true, "arguments": true, "eval": true,
}

func isIdentifier(s string) bool {
	if s == "" || jsReserved[s] || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// classMap reads the class-name map of a CSS Module out of its JS entry
// in pass 1's output (files, by name): the object literal exported as
// default, maybe through an import from a chunk that a composes-from
// made shared. Its keys are the class names and its values string
// literals (esbuild resolves "composes" into the string), as in
//
//	var e={title:"a",body:"b c","my-box":"d"};export{e as default};
//	import{a as e}from"/_gorsc/chunk-X.js";export{e as default};  (chunk-X.js: var t={base:"f"};export{t as a};)
func classMap(files map[string][]byte, file string) (map[string]string, error) {
	js, export := string(files[file]), "default"
	for range 8 {
		if export == "default" {
			if m := exportDefault.FindStringIndex(js); m != nil {
				return parseClassMap(js, m[1]-1)
			}
		}
		local := ""
		for _, m := range exportClause.FindAllStringSubmatch(js, -1) {
			for item := range strings.SplitSeq(m[1], ",") {
				f := strings.Fields(item)
				if len(f) == 1 && f[0] == export || len(f) == 3 && f[1] == "as" && f[2] == export {
					local = f[0]
				}
			}
		}
		if local == "" {
			return nil, fmt.Errorf("%s exports no %s", file, export)
		}
		decl := regexp.MustCompile(fmt.Sprintf(declarationFmt, regexp.QuoteMeta(local)))
		if d := decl.FindStringIndex(js); d != nil {
			return parseClassMap(js, d[1]-1)
		}
		next := ""
		for _, m := range importClause.FindAllStringSubmatch(js, -1) {
			for item := range strings.SplitSeq(m[1], ",") {
				f := strings.Fields(item)
				if len(f) == 1 && f[0] == local || len(f) == 3 && f[1] == "as" && f[2] == local {
					next, export = path.Base(m[2]), f[0]
				}
			}
		}
		if next == "" {
			return nil, fmt.Errorf("%s: no object literal for %s", file, local)
		}
		file, js = next, string(files[next])
	}
	return nil, fmt.Errorf("%s: imports too deep", file)
}

// parseClassMap parses the object literal of string keys and values at
// js[i] ("{").
func parseClassMap(js string, i int) (map[string]string, error) {
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
	exportClause   = regexp.MustCompile(`export\s*\{([^}]*)\}`)
	importClause   = regexp.MustCompile(`import\s*\{([^}]*)\}\s*from\s*"([^"]+)"`)
	exportDefault  = regexp.MustCompile(`export\s+default\s*\{`)
	declarationFmt = `(?:\bvar|\blet|\bconst|,)\s*%s\s*=\s*\{`
)

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

// ContentType is assets.ContentType.
func ContentType(name string) string { return assets.ContentType(name) }
