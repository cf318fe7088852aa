package bundle

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/gorsc/gorsc/internal/assets"
)

// ServerBundleVersion is the version of the contract between the server
// bundle and the engine that runs it (internal/ssr): the global the bundle
// defines and what it holds. The engine refuses a bundle of another version.
const ServerBundleVersion = 1

// The server bundle is classic script (IIFEs, ES2020) for an embedded
// JavaScript engine, in two parts that the engine may compile apart
// (ServerPartSeparator between them; evaluated in order they are one
// script). Part 1 is React: "react", its JSX runtimes, "react-dom",
// React's server renderer ("react-dom/server.edge") and its Flight client
// ("react-server-dom-webpack/client.edge"), as CommonJS exports in
// globalThis.__gorsc_vendor[specifier]. It changes only with
// node_modules: a Builder builds it again only then, and the engine keeps
// its bytecode (internal/ssr), so that an edit of a component compiles
// only part 2. Part 2 holds the app's client modules (plus the
// runtime's), each import of those packages reading part 1's exports (one
// React), and defines
//
//	globalThis.__gorsc_ssr = {
//	  version: ServerBundleVersion,
//	  React,                    // the "react" package
//	  renderToReadableStream,   // from "react-dom/server.edge"
//	  createFromReadableStream, // from "react-server-dom-webpack/client.edge"
//	  modules: { [id]: () => moduleExports },
//	}
//
// modules is keyed by the ids the browser bundle uses for the same modules
// (Module.URL, the ids in the Flight I rows), so that the engine's
// __webpack_require__ resolves the browser's references. Each module is
// evaluated on first use (esbuild's lazy ESM initialisation), so a module
// that fails to evaluate on a server (one that touches window at import
// time) breaks only the renders that need it.
//
// The script needs the host glue internal/ssr provides before it runs
// (TextEncoder at least); it touches no file, network or DOM API.
const serverNamespace = "gorsc-ssr"

// ServerPartSeparator is the line between the server bundle's parts.
const ServerPartSeparator = assets.ServerPartSeparator

// serverVendor are the packages of part 1, as the app's code imports them.
var serverVendor = []string{"react", "react/jsx-runtime", "react/jsx-dev-runtime", "react-dom", "react-dom/server.edge", "react-server-dom-webpack/client.edge"}

// serverEntryNamespace holds the server bundle's entry modules (part 1's,
// and part 2's, written for the client modules of the browser build that
// runs), and vendorNamespace the modules through which part 2 imports
// part 1's packages.
const (
	serverEntryNamespace = "gorsc-server-entry"
	vendorNamespace      = "gorsc-server-vendor"
)

// buildServer bundles the server script for the client modules of a
// finished browser build (b.mods, keyed as Result.Modules), adding the
// files it read to inputs. CSS Modules resolve to the class names of the
// app's build (b.built), as in the browser bundle, so server-rendered
// class names hydrate.
func (b *Builder) buildServer(inputs map[string]bool) ([]byte, error) {
	vendor, err := b.buildVendor(inputs)
	if err != nil {
		return nil, err
	}
	app, err := b.buildServerPart(&b.server, "app.js", inputs, b.vendorImportPlugin())
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(vendor)+len(ServerPartSeparator)+len(app))
	out = append(append(append(out, vendor...), ServerPartSeparator...), app...)
	return out, nil
}

// buildVendor returns part 1: built again only when a file it read
// changed.
func (b *Builder) buildVendor(inputs map[string]bool) ([]byte, error) {
	if b.vendorOut != nil {
		same := true
		for in, st := range b.vendorStamps {
			if stampOf(filepath.Join(b.dir, filepath.FromSlash(in))) != st {
				same = false
				break
			}
		}
		if same {
			for in := range b.vendorStamps {
				inputs[in] = true
			}
			return b.vendorOut, nil
		}
	}
	read := map[string]bool{}
	out, err := b.buildServerPart(&b.vendor, "vendor.js", read)
	if err != nil {
		return nil, err
	}
	b.vendorOut, b.vendorStamps = out, map[string]string{}
	for in := range read {
		inputs[in] = true
		b.vendorStamps[in] = stampOf(filepath.Join(b.dir, filepath.FromSlash(in)))
	}
	return out, nil
}

// buildServerPart builds one part of the server bundle from the entry
// module name (serverEntry), with the plugins more.
func (b *Builder) buildServerPart(p *pass, name string, inputs map[string]bool, more ...api.Plugin) ([]byte, error) {
	dir := b.dir
	entries := []string{serverEntryNamespace + ":" + name}
	res, err := p.run(dir, entries, func() api.BuildOptions {
		return api.BuildOptions{
			AbsWorkingDir: dir,
			EntryPoints:   entries,
			Bundle:        true,
			Format:        api.FormatIIFE,
			Platform:      api.PlatformBrowser,
			// The edge builds of packages that have them: code for a server
			// without Node's APIs, which is what the engine is.
			Conditions: []string{"edge-light", "worker", "browser", "module"},
			Target:     api.ES2020,
			JSX:        api.JSXAutomatic,
			Define:     defines(b.mode()), // the browser bundle's: NODE_ENV, GORSC_PUBLIC_*
			// Whitespace and syntax only: component names stay readable in the
			// stacks of server-rendering errors.
			MinifyWhitespace: !b.opts.Development,
			MinifySyntax:     !b.opts.Development,
			LegalComments:    api.LegalCommentsNone,
			Outdir:           filepath.Join(dir, ".gorsc-server-out"), // never written
			Metafile:         true,
			Write:            false,
			LogLevel:         api.LogLevelSilent,
			Plugins: append(more, b.serverEntryPlugin(), serverRuntimePlugin(dir, b.opts.Development), runtimePlugin(dir),
				classesPlugin(dir, func() *builtCSS { return b.built }, false), noCSSPlugin),
		}
	})
	if err != nil {
		return nil, err
	}
	if _, err := readMetafile(res.Metafile, inputs); err != nil {
		return nil, err
	}
	// CSS that client modules import is bundled into a .css output of its
	// own, which the server ignores; CSS modules keep their class names.
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			return f.Contents, nil
		}
	}
	return nil, fmt.Errorf("gorsc: esbuild produced no server bundle")
}

// serverEntryPlugin serves the entry modules of the server bundle's parts.
func (b *Builder) serverEntryPlugin() api.Plugin {
	return api.Plugin{
		Name: serverEntryNamespace,
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `^` + serverEntryNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, serverEntryNamespace+":"), Namespace: serverEntryNamespace}, nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: serverEntryNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src := vendorEntry()
				if a.Path != "vendor.js" {
					src = serverEntry(b.mods)
				}
				return api.OnLoadResult{Contents: &src, ResolveDir: b.dir, Loader: api.LoaderJS}, nil
			})
		},
	}
}

// vendorImportPlugin makes part 2's imports of part 1's packages read
// part 1's exports. The Flight client the router imports for the browser
// is the edge one, as in serverRuntimePlugin.
func (b *Builder) vendorImportPlugin() api.Plugin {
	alias := map[string]string{"react-server-dom-webpack/client": "react-server-dom-webpack/client.edge", "react-server-dom-webpack/client.browser": "react-server-dom-webpack/client.edge"}
	names := append(slices.Clone(serverVendor), "react-server-dom-webpack/client", "react-server-dom-webpack/client.browser")
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	filter := `^(` + strings.Join(quoted, "|") + `)$`
	return api.Plugin{
		Name: vendorNamespace,
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: filter}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				name := a.Path
				if to, ok := alias[name]; ok {
					name = to
				}
				return api.OnResolveResult{Path: name, Namespace: vendorNamespace}, nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: vendorNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src := "module.exports = globalThis.__gorsc_vendor[" + jsString(a.Path) + "];\n"
				return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
			})
		},
	}
}

// vendorEntry is the entry module of part 1.
func vendorEntry() string {
	var b strings.Builder
	b.WriteString("globalThis.__gorsc_vendor = {\n")
	for _, name := range serverVendor {
		fmt.Fprintf(&b, "  %s: require(%s),\n", jsString(name), jsString(name))
	}
	b.WriteString("};\n")
	return b.String()
}

// noCSSPlugin makes every stylesheet a JS module imports (other than a CSS
// Module, which ClassesPlugin resolves to its class names) an empty module
// in the server bundle: the server renders markup, the browser bundle
// carries the CSS, and CSS that needs a build step (Tailwind) is not built
// twice.
var noCSSPlugin = api.Plugin{
	Name: "gorsc-ssr-no-css",
	Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `\.css$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			switch a.Kind {
			case api.ResolveJSImportStatement, api.ResolveJSRequireCall, api.ResolveJSDynamicImport:
				return api.OnResolveResult{Path: a.Path, Namespace: "gorsc-ssr-no-css"}, nil
			}
			return api.OnResolveResult{}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "gorsc-ssr-no-css"}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			empty := ""
			return api.OnLoadResult{Contents: &empty, Loader: api.LoaderJS}, nil
		})
	},
}

// serverEntry is the entry module of part 2.
func serverEntry(mods map[string]Module) string {
	paths := make([]string, 0, len(mods))
	for p := range mods {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString(`import * as React from "react";
import { renderToReadableStream } from "react-dom/server.edge";
import { createFromReadableStream } from "react-server-dom-webpack/client.edge";
globalThis.__gorsc_ssr = {
  version: ` + fmt.Sprint(ServerBundleVersion) + `,
  React,
  renderToReadableStream,
  createFromReadableStream,
  modules: {
`)
	for _, p := range paths {
		spec := p
		if !strings.HasPrefix(p, runtimeNamespace+":") {
			spec = "./" + p
		}
		fmt.Fprintf(&b, "    %s: () => require(%s),\n", jsString(mods[p].URL), jsString(spec))
	}
	b.WriteString("  },\n};\n")
	return b.String()
}

func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// serverRuntimePlugin adapts the runtime's modules to the server: the
// webpack globals of shim.ts are the engine's, and the browser Flight
// client the router imports is replaced by the edge one (the router's
// functions only run in the browser; this keeps one Flight client in the
// bundle). react-dom/server.edge is its streaming renderer alone, without
// the legacy renderToString that the package's entry also loads.
func serverRuntimePlugin(dir string, development bool) api.Plugin {
	return api.Plugin{
		Name: "gorsc-server-runtime",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^react-dom/server\.edge$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				pkg, ok := packageDir(dir, "react-dom")
				if !ok {
					return api.OnResolveResult{}, fmt.Errorf("react-dom is not installed")
				}
				file := "react-dom-server.edge.production.js"
				if development {
					file = "react-dom-server.edge.development.js"
				}
				return api.OnResolveResult{Path: filepath.Join(pkg, "cjs", file)}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `^gorsc:shim\.ts$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: "shim.ts", Namespace: serverNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: serverNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				empty := "// the engine defines the webpack globals\n"
				return api.OnLoadResult{Contents: &empty, Loader: api.LoaderJS}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `^react-server-dom-webpack/client\.browser$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				r := b.Resolve("react-server-dom-webpack/client.edge", api.ResolveOptions{ResolveDir: a.ResolveDir, Kind: a.Kind, Importer: a.Importer})
				if len(r.Errors) > 0 {
					return api.OnResolveResult{}, fmt.Errorf("%s", r.Errors[0].Text)
				}
				return api.OnResolveResult{Path: r.Path, Namespace: r.Namespace}, nil
			})
		},
	}
}
