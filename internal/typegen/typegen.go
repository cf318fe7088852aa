// Package typegen writes the TypeScript types of client component props
// from the Go values that server components pass them.
//
// It learns the Go types by a static scan: it loads the app's Go packages
// with go/packages (type-checked from source, test files excluded) and
// finds every call gorsc.Client("path/File.tsx#Export", props) whose
// reference is a constant. The type of props at each call is the Go type
// of that component's props; a server action passed in a struct field is
// followed to its gorsc.Action(fn) to type it from fn's signature. A
// static scan sees every call site, including pages no test request
// renders, and needs no running app; it cannot see a reference built at
// run time (a warning names such calls).
//
// Each TSX module gets a file beside it, "File.props.ts", with one type
// per export ("ExportProps"; the file's base name for the default export)
// and the named Go structs they use. The mapping follows the Flight
// writer (internal/flight): json tags, embedded structs promoted,
// omitempty/omitzero fields optional, pointers "T | null" and optional,
// nil slices and maps null, time.Time Date, *big.Int bigint, []byte
// Uint8Array, gorsc.Node ReactNode, *gorsc.Promise Promise<unknown>,
// *gorsc.ServerAction an async function from the action's Go signature.
package typegen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

const (
	gorscPath  = "github.com/gorsc/gorsc"
	treePath   = "github.com/gorsc/gorsc/internal/tree"
	flightPath = "github.com/gorsc/gorsc/internal/flight"
	replyPath  = "github.com/gorsc/gorsc/internal/reply"
)

// Suffix ends the name of a generated file: components/Counter.tsx gets
// components/Counter.props.ts.
const Suffix = ".props.ts"

// Options configure a scan.
type Options struct {
	// Dir is the app directory: client references are relative to it,
	// and the Go packages are loaded from it. Default ".".
	Dir string
	// Patterns are the packages to scan, as the go command takes them
	// (default "./...", relative to Dir).
	Patterns []string
	// Overlay replaces the contents of Go files (by absolute path) for
	// the scan, as go/packages' Config.Overlay: an editor's unsaved
	// buffers, or a test's edit.
	Overlay map[string][]byte
}

// Result is a finished scan.
type Result struct {
	// Files maps file paths, slash-separated and relative to Dir, to
	// their generated content.
	Files map[string][]byte
	// Components lists the client components found, "path#Export",
	// sorted.
	Components []string
	// Warnings name what could not be typed, with file:line.
	Warnings []string
}

// Generate scans the Go packages of the app in opts.Dir and returns the
// props types of every client component they reference. Errors are Go
// load or type errors (file:line: message), which keep the scan from
// seeing the types.
func Generate(opts Options) (*Result, error) {
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports,
		Dir:     abs,
		Fset:    token.NewFileSet(),
		Overlay: opts.Overlay,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("gorsc: loading the Go packages of %s: %w", abs, err)
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		if len(errs) > 10 {
			errs = append(errs[:10], fmt.Sprintf("and %d more", len(errs)-10))
		}
		return nil, fmt.Errorf("gorsc: the Go code does not compile, so its props types cannot be read:\n  %s", strings.Join(errs, "\n  "))
	}
	s := &scan{dir: abs, fset: cfg.Fset, comps: map[string]*component{}, actions: map[string][]action{}, vars: map[string]varInit{}}
	for _, p := range pkgs {
		s.collectVars(p)
	}
	for _, p := range pkgs {
		s.findCalls(p)
		for _, f := range p.Syntax {
			s.collectActions(f, p.TypesInfo)
		}
	}
	return s.result(), nil
}

// Write writes the generated files into dir (the app directory),
// leaving files whose content is unchanged alone. It returns the paths
// it wrote.
func (r *Result) Write(dir string) ([]string, error) {
	var wrote []string
	names := make([]string, 0, len(r.Files))
	for n := range r.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if have, err := os.ReadFile(p); err == nil && bytes.Equal(have, r.Files[name]) {
			continue
		}
		if err := os.WriteFile(p, r.Files[name], 0o644); err != nil {
			return wrote, err
		}
		wrote = append(wrote, name)
	}
	return wrote, nil
}

type scan struct {
	dir      string
	fset     *token.FileSet
	comps    map[string]*component // by "module#export"
	actions  map[string][]action   // struct field key → the actions set there
	node     *types.Interface      // tree.Node, once a gorsc.Client call is seen
	vars     map[string]varInit    // package-level var key → initializer
	warnings []string
}

// component is one client component and the Go types passed as its props.
type component struct {
	module, export string
	props          []types.Type // distinct (types.Identical) types
	sites          []string     // file:line of each call
}

type varInit struct {
	expr ast.Expr
	info *types.Info
}

func objKey(o types.Object) string {
	if o.Pkg() == nil {
		return o.Name()
	}
	return o.Pkg().Path() + "." + o.Name()
}

// collectVars records the initializers of variables (package-level, and
// local ones defined with := or var), to follow an action variable to
// its gorsc.Action call.
func (s *scan) collectVars(p *packages.Package) {
	for _, f := range p.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if len(n.Values) == len(n.Names) {
					for i, id := range n.Names {
						if o := p.TypesInfo.Defs[id]; o != nil {
							s.vars[varKey(o)] = varInit{n.Values[i], p.TypesInfo}
						}
					}
				}
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
					for i, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							if o := p.TypesInfo.Defs[id]; o != nil {
								s.vars[varKey(o)] = varInit{n.Rhs[i], p.TypesInfo}
							}
						}
					}
				}
			}
			return true
		})
	}
}

// varKey names a variable uniquely: package, name and position.
func varKey(o types.Object) string { return fmt.Sprintf("%s@%d", objKey(o), o.Pos()) }

// isFunc reports whether the call's function is pkg.name.
func isFunc(info *types.Info, call *ast.CallExpr, pkg, name string) bool {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	default:
		return false
	}
	fn, ok := info.Uses[id].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name
}

func (s *scan) pos(p token.Pos) string {
	pos := s.fset.Position(p)
	if rel, err := filepath.Rel(s.dir, pos.Filename); err == nil && !strings.HasPrefix(rel, "..") {
		pos.Filename = rel
	}
	return fmt.Sprintf("%s:%d", pos.Filename, pos.Line)
}

func (s *scan) findCalls(p *packages.Package) {
	info := p.TypesInfo
	for _, f := range p.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 || !isFunc(info, call, gorscPath, "Client") {
				return true
			}
			if s.node == nil {
				s.node = nodeInterface(info, call)
			}
			tv := info.Types[call.Args[0]]
			if tv.Value == nil || tv.Value.Kind() != constant.String {
				s.warnings = append(s.warnings, fmt.Sprintf("%s: gorsc.Client with a reference that is not a constant: its props are not typed (use a string literal or constant)", s.pos(call.Pos())))
				return true
			}
			ref := constant.StringVal(tv.Value)
			module, export, ok := strings.Cut(ref, "#")
			if !ok || export == "" {
				export = "default"
			}
			if module == "" || strings.HasPrefix(module, "gorsc:") {
				return true
			}
			key := module + "#" + export
			c := s.comps[key]
			if c == nil {
				c = &component{module: module, export: export}
				s.comps[key] = c
			}
			c.sites = append(c.sites, s.pos(call.Pos()))
			pt := info.Types[call.Args[1]].Type
			if pt == nil {
				return true
			}
			seen := false
			for _, t := range c.props {
				seen = seen || types.Identical(t, pt)
			}
			if !seen {
				c.props = append(c.props, pt)
			}
			return true
		})
	}
}

// collectActions records, for each struct field of type
// *gorsc.ServerAction that the file sets (in a composite literal,
// Field: value, or by an assignment, x.Field = value), the action set
// there, to type the field from the action's Go signature.
func (s *scan) collectActions(file ast.Node, info *types.Info) {
	record := func(field *types.Var, value ast.Expr) {
		if !field.IsField() || !isServerAction(field.Type()) {
			return
		}
		var a action
		a.sig, a.bound, a.ok = s.resolveAction(value, info, 0)
		fk := fieldKey(field)
		s.actions[fk] = append(s.actions[fk], a)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				if field, ok := info.Uses[id].(*types.Var); ok {
					record(field, n.Value)
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, l := range n.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
					if field, ok := info.Uses[sel.Sel].(*types.Var); ok {
						record(field, n.Rhs[i])
					}
				}
			}
		}
		return true
	})
}

// action is a server action found as a field value: its Go function's
// signature and how many values are bound (ok false when unknown).
type action struct {
	sig   *types.Signature
	bound int
	ok    bool
}

func fieldKey(f *types.Var) string {
	return fmt.Sprintf("%s@%d", objKey(f), f.Origin().Pos())
}

// resolveAction follows e (an action variable, a gorsc.Action call, a
// .Bind call on either) to the Go function of the action and the number
// of values bound to it.
func (s *scan) resolveAction(e ast.Expr, info *types.Info, depth int) (*types.Signature, int, bool) {
	if depth > 16 {
		return nil, 0, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if isFunc(info, e, gorscPath, "Action") && len(e.Args) > 0 {
			sig, ok := info.Types[e.Args[0]].Type.Underlying().(*types.Signature)
			return sig, 0, ok
		}
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Bind" && isServerAction(info.Types[sel.X].Type) {
			if e.Ellipsis.IsValid() {
				return nil, 0, false
			}
			sig, bound, ok := s.resolveAction(sel.X, info, depth+1)
			return sig, bound + len(e.Args), ok
		}
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := e.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = e.(*ast.Ident)
		}
		if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() {
			if init, ok := s.vars[varKey(v)]; ok {
				return s.resolveAction(init.expr, init.info, depth+1)
			}
		}
	}
	return nil, 0, false
}

// nodeInterface finds tree.Node (gorsc.Node) from the gorsc.Client call.
func nodeInterface(info *types.Info, call *ast.CallExpr) *types.Interface {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok {
		return nil
	}
	tn, ok := fn.Pkg().Scope().Lookup("Node").(*types.TypeName)
	if !ok {
		return nil
	}
	it, _ := tn.Type().Underlying().(*types.Interface)
	return it
}

func isServerAction(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(p.Elem(), gorscPath, "ServerAction")
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

func (s *scan) result() *Result {
	r := &Result{Files: map[string][]byte{}, Warnings: s.warnings}
	byModule := map[string][]*component{}
	for key, c := range s.comps {
		r.Components = append(r.Components, key)
		byModule[c.module] = append(byModule[c.module], c)
	}
	sort.Strings(r.Components)
	for module, comps := range byModule {
		if _, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(module))); err != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: gorsc.Client references %s, which does not exist", comps[0].sites[0], module))
			continue
		}
		sort.Slice(comps, func(i, j int) bool { return comps[i].export < comps[j].export })
		w := newWriter(s)
		for _, c := range comps {
			w.component(c)
		}
		name := strings.TrimSuffix(module, path.Ext(module)) + Suffix
		r.Files[name] = w.file(module)
		r.Warnings = append(r.Warnings, w.warnings...)
	}
	sort.Strings(r.Warnings)
	return r
}
