package bundle

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// ServerBundleVersion is the version of the contract between the server
// bundle and the engine that runs it (internal/ssr): the global the bundle
// defines and what it holds. The engine refuses a bundle of another version.
const ServerBundleVersion = 1

// The server bundle is one classic script (an IIFE, ES2020) for an embedded
// JavaScript engine. It holds React's server renderer, React's Flight client
// and the app's client modules (plus the runtime's), and defines
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

// serverEntryNamespace holds the server bundle's entry module, written
// for the client modules of the browser build that runs (serverEntry).
const serverEntryNamespace = "gorsc-server-entry"

// buildServer bundles the server script for the client modules of a
// finished browser build (b.mods, keyed as Result.Modules), adding the
// files it read to inputs. CSS Modules resolve to the class names of the
// app's build (b.built), as in the browser bundle, so server-rendered
// class names hydrate.
func (b *Builder) buildServer(inputs map[string]bool) ([]byte, error) {
	dir := b.dir
	entries := []string{serverEntryNamespace + ":gorsc-server-entry.js"}
	res, err := b.server.run(dir, entries, func() api.BuildOptions {
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
			Plugins: []api.Plugin{b.serverEntryPlugin(), serverRuntimePlugin(dir, b.opts.Development), runtimePlugin(dir),
				classesPlugin(dir, func() *builtCSS { return b.built }, false), noCSSPlugin},
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

// serverEntryPlugin serves the server bundle's entry module.
func (b *Builder) serverEntryPlugin() api.Plugin {
	return api.Plugin{
		Name: serverEntryNamespace,
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `^` + serverEntryNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, serverEntryNamespace+":"), Namespace: serverEntryNamespace}, nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: serverEntryNamespace}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
				src := serverEntry(b.mods)
				return api.OnLoadResult{Contents: &src, ResolveDir: b.dir, Loader: api.LoaderJS}, nil
			})
		},
	}
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

// serverEntry is the entry module of the server bundle.
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
