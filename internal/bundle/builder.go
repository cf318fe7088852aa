package bundle

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Builder builds one app's client code again and again, incrementally:
// it keeps esbuild's contexts (api.Context) of a build's three passes
// alive between builds — the stylesheets (pass 1, css.go), the browser
// bundle (pass 2) and the server bundle (server.go) — so that a build
// after an edit parses only the files that changed (React's development
// builds, most of the work, are parsed once). "gorsc dev" keeps one in
// the running app and builds again on every TSX, TS or CSS edit.
//
// Each build looks for the app's "use client" modules and stylesheets
// anew: a pass whose entry points changed (a file gained "use client", a
// stylesheet was added) gets a new context. A Builder is safe for
// concurrent use; builds run one at a time.
type Builder struct {
	opts   Options
	dir    string // absolute
	public string // ends in "/"

	mu                          sync.Mutex
	css, client, vendor, server pass
	closed                      bool

	// The server bundle's part 1 (server.go), and the stamps of the files
	// it read.
	vendorOut    []byte
	vendorStamps map[string]string

	// What the contexts' plugins read while a build runs, set before it.
	built *builtCSS
	tw    *tailwind
	mods  map[string]Module

	inputs []string  // the files the last build read, relative to dir (Inputs)
	key    *CacheKey // the last build's (devcache.go)
}

// pass is one esbuild context and the entry points it was made for.
type pass struct {
	ctx     api.BuildContext
	entries []string
}

// NewBuilder returns a Builder of the app in opts.Dir. It builds nothing
// yet.
func NewBuilder(opts Options) (*Builder, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	public := opts.PublicPath
	if public == "" {
		public = "/_gorsc/"
	}
	if !strings.HasSuffix(public, "/") {
		public += "/"
	}
	return &Builder{opts: opts, dir: dir, public: public}, nil
}

// Close releases the esbuild contexts. Build fails after Close.
func (b *Builder) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for _, p := range []*pass{&b.css, &b.client, &b.vendor, &b.server} {
		p.dispose()
	}
}

// Inputs lists the files the last successful build read (esbuild's
// metafile inputs in the file namespace, relative to the app directory
// with forward slashes).
func (b *Builder) Inputs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.inputs)
}

func (p *pass) dispose() {
	if p.ctx != nil {
		p.ctx.Dispose()
		p.ctx, p.entries = nil, nil
	}
}

// run builds the pass with the context made for entries, making it (with
// opts) first when there is none or the entries changed. esbuild's
// errors come back as *Error; the context stays usable after them.
func (p *pass) run(dir string, entries []string, opts func() api.BuildOptions) (api.BuildResult, error) {
	if p.ctx == nil || !slices.Equal(p.entries, entries) {
		p.dispose()
		ctx, cerr := api.Context(opts())
		if cerr != nil {
			return api.BuildResult{}, &Error{Messages: messages(dir, cerr.Errors)}
		}
		p.ctx, p.entries = ctx, slices.Clone(entries)
	}
	res := p.ctx.Rebuild()
	if len(res.Errors) > 0 {
		return res, &Error{Messages: messages(dir, res.Errors)}
	}
	return res, nil
}

// metafile is what a build reads from esbuild's metafile.
type metafile struct {
	Inputs  map[string]json.RawMessage `json:"inputs"`
	Outputs map[string]struct {
		EntryPoint string   `json:"entryPoint"`
		Exports    []string `json:"exports"`
		CSSBundle  string   `json:"cssBundle"`
		Imports    []struct {
			Path string `json:"path"`
			Kind string `json:"kind"`
		} `json:"imports"`
	} `json:"outputs"`
}

func readMetafile(s string, inputs map[string]bool) (*metafile, error) {
	var m metafile
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("gorsc: reading esbuild's metafile: %w", err)
	}
	for in := range m.Inputs {
		if !strings.Contains(in, ":") { // the file namespace; others are plugins' (gorsc:bootstrap.tsx)
			inputs[in] = true
		}
	}
	return &m, nil
}

// Build bundles the app's current code. A build that fails (with an
// *Error listing esbuild's messages, each with file:line:column and the
// source line) changes nothing: the next build starts from the same
// contexts.
func (b *Builder) Build() (*Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, errors.New("gorsc: the bundler is closed")
	}
	dir, public := b.dir, b.public
	if !hasPackage(dir, "react-server-dom-webpack") {
		return nil, &Error{Messages: []Message{{
			File:  filepath.Join(dir, "package.json"),
			Text:  "react-server-dom-webpack is not installed in " + filepath.Join(dir, "node_modules"),
			Notes: []string{`run "npm install" in the app directory; its package.json must depend on react, react-dom and react-server-dom-webpack 19.3.x`},
		}}}
	}
	clientMods, err := findClientModules(dir, b.opts.Exclude)
	if err != nil {
		return nil, err
	}
	// The runtime entry, and the runtime's own client components, which
	// server components reference as "gorsc:link.tsx" and so on.
	entries := []string{runtimeNamespace + ":bootstrap.tsx"}
	for _, name := range runtimeClientModules {
		entries = append(entries, runtimeNamespace+":"+name)
	}
	for _, m := range clientMods {
		entries = append(entries, "./"+m)
	}
	sheets, err := FindStylesheets(dir)
	if err != nil {
		return nil, err
	}
	inputs := map[string]bool{}
	b.tw = newTailwind(dir)
	css, err := b.buildStylesheets(sheets, inputs)
	if err != nil {
		return nil, err
	}
	b.built = css
	outdir := filepath.Join(dir, ".gorsc-out") // never written: Write is false
	res, err := b.client.run(dir, entries, func() api.BuildOptions { return b.clientOptions(entries, outdir) })
	if err != nil {
		return nil, err
	}

	rt, err := ReadFizzRuntime(dir)
	if err != nil {
		return nil, err
	}
	out := &Result{Files: css.files, Modules: map[string]Module{}, Stylesheets: css.sheets, Fizz: rt}
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(outdir, f.Path)
		if err != nil {
			return nil, err
		}
		out.Files[public+filepath.ToSlash(rel)] = f.Contents
	}
	meta, err := readMetafile(res.Metafile, inputs)
	if err != nil {
		return nil, err
	}
	urlOf := func(outPath string) string {
		rel, _ := filepath.Rel(outdir, filepath.Join(dir, outPath))
		return public + filepath.ToSlash(rel)
	}
	// staticImports lists the chunks outPath imports statically, directly
	// or through other chunks, in first-seen order.
	staticImports := func(outPath string) []string {
		var urls []string
		seen := map[string]bool{outPath: true}
		queue := []string{outPath}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, imp := range meta.Outputs[p].Imports {
				if imp.Kind != "import-statement" || seen[imp.Path] {
					continue
				}
				seen[imp.Path] = true
				urls = append(urls, urlOf(imp.Path))
				queue = append(queue, imp.Path)
			}
		}
		return urls
	}
	for outPath, o := range meta.Outputs {
		if o.EntryPoint == "" {
			continue
		}
		if o.EntryPoint == runtimeNamespace+":bootstrap.tsx" {
			out.Bootstrap = urlOf(outPath)
			out.Preload = staticImports(outPath)
			continue
		}
		m := Module{URL: urlOf(outPath), Exports: o.Exports, Imports: staticImports(outPath)}
		if o.CSSBundle != "" {
			m.CSS = []string{urlOf(o.CSSBundle)}
		}
		out.Modules[filepath.ToSlash(o.EntryPoint)] = m
	}

	if out.Bootstrap == "" {
		return nil, fmt.Errorf("gorsc: esbuild produced no runtime entry")
	}
	sort.Strings(out.Preload)
	b.mods = out.Modules
	if out.Server, err = b.buildServer(inputs); err != nil {
		return nil, err
	}
	b.inputs = make([]string, 0, len(inputs))
	for in := range inputs {
		b.inputs = append(b.inputs, in)
	}
	sort.Strings(b.inputs)
	b.key = b.cacheKey(entriesOf(clientMods, sheets), b.inputs, b.tw.tree)
	return out, nil
}

// clientOptions are the options of the browser bundle (pass 2).
func (b *Builder) clientOptions(entries []string, outdir string) api.BuildOptions {
	dev := b.opts.Development
	return api.BuildOptions{
		AbsWorkingDir:     b.dir,
		EntryPoints:       entries,
		Bundle:            true,
		Format:            api.FormatESModule,
		Splitting:         true,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2020,
		JSX:               api.JSXAutomatic,
		Define:            defines(b.mode()),
		MinifyWhitespace:  !dev,
		MinifyIdentifiers: !dev,
		MinifySyntax:      !dev,
		LegalComments:     api.LegalCommentsEndOfFile,
		Outdir:            outdir,
		EntryNames:        "[name]-[hash]",
		ChunkNames:        "chunk-[hash]",
		AssetNames:        "[name]-[hash]",
		Loader:            assetLoaders,
		PublicPath:        strings.TrimSuffix(b.public, "/"),
		Metafile:          true,
		Write:             false,
		LogLevel:          api.LogLevelSilent,
		Plugins:           append([]api.Plugin{runtimePlugin(b.dir), envPlugin(b.dir)}, b.cssPlugin()...),
	}
}

// mode is process.env.NODE_ENV of the build, as a JavaScript string.
func (b *Builder) mode() string {
	if b.opts.Development {
		return `"development"`
	}
	return `"production"`
}
