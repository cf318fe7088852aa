// Package writertest holds the writer golden cases shared by the tests of
// internal/flight and internal/fizz: it loads
// internal/testdata/writers/cases.json, builds each case's tree, resolves
// client references and actions the same way tools/react/writers.mjs does
// on React's side, and runs that script.
//
// A case's tree is written once in JSON:
//
//	"text"                                   a text node
//	null                                     nothing (a nil node)
//	["div", {props} | null, child, …]        a host element; "key" in props is its key
//	["$fragment", {"key": "k"} | null, …]    a fragment, keyed or not
//	["$suspense", {"fallback": node, "key"?}, child, …]
//	["$viewtransition", {"name"?, "default"?, "update"?, "enter"?, "exit"?, "share"?} | null, child, …]
//	                                         React's <ViewTransition>, props in that order
//	["$client", "module#Export", {props} | null, fallback?]
//	                                         a client component; "key" in props is its key
//
// In props, {"$action": "id", "bound": [args…]} is a server action (bound
// when "bound" is present), {"__html": s} under dangerouslySetInnerHTML is
// raw HTML, "style" is a style object. Objects keep their key order, except
// styles: gorsc takes a style as a Go map and writes it sorted, so cases list
// style keys sorted.
package writertest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

// UpdateEnv is the environment variable that makes the golden tests
// rewrite their golden files from React's output.
const UpdateEnv = "GORSC_UPDATE_GOLDEN"

// Update reports whether golden files are to be rewritten.
func Update() bool { return os.Getenv(UpdateEnv) == "1" }

// Dir is the directory of the corpus, GoldenDir that of React's outputs.
func Dir() string       { return filepath.Join(testenv.RepoRoot(), "internal", "testdata", "writers") }
func CasesPath() string { return filepath.Join(Dir(), "cases.json") }
func GoldenDir() string { return filepath.Join(Dir(), "golden") }

// CaseFiles are the files of the corpus, read in order: cases.json (the
// elements and attributes), values.json (the values React can send:
// promises, Maps and Sets, objects shared by reference, number children,
// client module flags). Case names are unique across them; their
// "clients" manifests are merged.
func CaseFiles() []string {
	return []string{CasesPath(), filepath.Join(Dir(), "values.json")}
}

// caseArg is the corpus as tools/react/writers.mjs takes it: the case
// files joined with commas.
func caseArg() string { return strings.Join(CaseFiles(), ",") }
func scriptPath() string {
	return filepath.Join(testenv.RepoRoot(), "tools", "react", "writers.mjs")
}

// Case is one golden case.
type Case struct {
	Name string
	Tree tree.Node
	// Gates are the gates of the case's ["$later", {"gate": n}, …] nodes
	// (stream cases): each such node is a server component that waits,
	// on its context, until gate n is closed, then renders its children.
	Gates []chan struct{}
}

// ClientMeta is one entry of the corpus's fake client manifest.
type ClientMeta struct {
	ID     string   `json:"id"`
	Chunks []string `json:"chunks"`
	Name   string   `json:"name"`
	Async  bool     `json:"async,omitempty"`
}

// Corpus is the loaded cases.json.
type Corpus struct {
	Clients map[string]ClientMeta
	Cases   []Case
}

// Load reads and builds the corpus (every file of CaseFiles).
func Load(t testing.TB) *Corpus {
	t.Helper()
	all := &Corpus{Clients: map[string]ClientMeta{}}
	names := map[string]string{}
	for _, f := range CaseFiles() {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, m := range c.Clients {
			if old, dup := all.Clients[k]; dup && !sameMeta(old, m) {
				t.Fatalf("%s: client %s differs from its entry in an earlier case file", f, k)
			}
			all.Clients[k] = m
		}
		for _, x := range c.Cases {
			if prev, dup := names[x.Name]; dup {
				t.Fatalf("%s: case %q is also in %s", f, x.Name, prev)
			}
			names[x.Name] = f
			all.Cases = append(all.Cases, x)
		}
	}
	return all
}

func sameMeta(a, b ClientMeta) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Async == b.Async && strings.Join(a.Chunks, "\x00") == strings.Join(b.Chunks, "\x00")
}

// Parse builds a corpus from the text of cases.json.
func Parse(data []byte) (*Corpus, error) {
	var raw struct {
		Clients map[string]ClientMeta `json:"clients"`
		Cases   []struct {
			Name string          `json:"name"`
			Tree json.RawMessage `json:"tree"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	c := &Corpus{Clients: raw.Clients}
	seen := map[string]bool{}
	sharedMu.Lock()
	defer sharedMu.Unlock()
	for _, rc := range raw.Cases {
		shared = map[string]any{} // {"$shared": name} values are per case
		if seen[rc.Name] {
			return nil, fmt.Errorf("case %q is listed twice", rc.Name)
		}
		seen[rc.Name] = true
		v, err := decodeOrdered(rc.Tree)
		if err != nil {
			return nil, fmt.Errorf("case %s: %v", rc.Name, err)
		}
		gates = nil
		n, err := buildNode(v)
		if err != nil {
			return nil, fmt.Errorf("case %s: %v", rc.Name, err)
		}
		c.Cases = append(c.Cases, Case{Name: rc.Name, Tree: n, Gates: gates})
	}
	return c, nil
}

// gates collects the gates of the case being built (see Case.Gates).
var gates []chan struct{}

// StreamCasesPath is the corpus of streamed documents: cases whose
// ["$later", …] nodes stream after the shell; React's output for each is
// golden/<case>.stream.html.
func StreamCasesPath() string { return filepath.Join(Dir(), "stream-cases.json") }

// LoadStream reads and builds the stream corpus.
func LoadStream(t testing.TB) *Corpus {
	t.Helper()
	data, err := os.ReadFile(StreamCasesPath())
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", StreamCasesPath(), err)
	}
	return c
}

// RegenerateStream runs tools/react/writers.mjs to rewrite the stream
// golden files from react-dom/server's streamed output.
func RegenerateStream(t testing.TB) {
	t.Helper()
	node := testenv.Node(t)
	testenv.NodeModules(t, filepath.Join("tools", "react"))
	cmd := exec.Command(node, scriptPath(), "stream", StreamCasesPath(), GoldenDir())
	cmd.Stderr = os.Stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("regenerating stream golden files: %v\n%s", err, out)
	}
}

// obj is a JSON object that keeps its key order.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) get(k string) (any, bool) {
	for _, f := range o {
		if f.k == k {
			return f.v, true
		}
	}
	return nil, false
}

// decodeOrdered parses JSON into nil, bool, string, json.Number, []any and obj.
func decodeOrdered(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := readValue(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after JSON value")
	}
	return v, nil
}

func readValue(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('['):
		out := []any{}
		for d.More() {
			v, err := readValue(d)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		_, err := d.Token()
		return out, err
	case json.Delim('{'):
		out := obj{}
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return nil, err
			}
			v, err := readValue(d)
			if err != nil {
				return nil, err
			}
			out = append(out, kv{k.(string), v})
		}
		_, err := d.Token()
		return out, err
	}
	return tok, nil
}

func buildNodes(vs []any) ([]tree.Node, error) {
	var out []tree.Node
	for _, v := range vs {
		n, err := buildNode(v)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func keyOf(props obj) (*string, obj, error) {
	var key *string
	rest := obj{}
	for _, f := range props {
		if f.k == "key" {
			s, ok := dataValue(f.v).(string)
			if !ok {
				return nil, nil, fmt.Errorf("key %v is not a string", f.v)
			}
			key = &s
			continue
		}
		rest = append(rest, f)
	}
	return key, rest, nil
}

func propsArg(v any) (obj, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case obj:
		return v, nil
	}
	return nil, fmt.Errorf("props must be an object or null, got %v", v)
}

func buildNode(v any) (tree.Node, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		return tree.Text(v), nil
	case json.Number:
		f, err := v.Float64()
		return tree.Number(f), err
	case obj:
		if _, ok := v.get("$repeat"); ok {
			x, _, err := tagged(v)
			if err != nil {
				return nil, err
			}
			return tree.Text(x.(string)), nil
		}
		if _, ok := v.get("$number"); ok {
			x, _, err := tagged(v)
			if err != nil {
				return nil, err
			}
			return tree.Number(x.(float64)), nil
		}
	case []any:
		if len(v) < 2 {
			return nil, fmt.Errorf("node %v needs a head and props", v)
		}
		head, ok := v[0].(string)
		if !ok {
			return nil, fmt.Errorf("node %v: head is not a string", v)
		}
		switch head {
		case "$fragment":
			props, err := propsArg(v[1])
			if err != nil {
				return nil, err
			}
			key, rest, err := keyOf(props)
			if err != nil || len(rest) > 0 {
				return nil, fmt.Errorf("fragment props may hold only a key: %v", v[1])
			}
			kids, err := buildNodes(v[2:])
			return tree.NewFragment(key, kids), err
		case "$suspense":
			props, err := propsArg(v[1])
			if err != nil {
				return nil, err
			}
			key, rest, err := keyOf(props)
			if err != nil {
				return nil, err
			}
			s := &tree.Suspense{Key: key}
			fb, _ := rest.get("fallback")
			if s.Fallback, err = buildNode(fb); err != nil {
				return nil, err
			}
			s.Children, err = buildNodes(v[2:])
			return s, err
		case "$viewtransition":
			props, err := propsArg(v[1])
			if err != nil {
				return nil, err
			}
			key, rest, err := keyOf(props)
			if err != nil {
				return nil, err
			}
			vt := &tree.ViewTransition{Key: key}
			for _, f := range rest {
				var class any
				switch x := f.v.(type) {
				case string:
					class = x
				case obj: // by transition type; keys listed sorted
					m := map[string]string{}
					for _, g := range x {
						m[g.k], _ = g.v.(string)
					}
					class = m
				}
				switch f.k {
				case "name":
					vt.Name, _ = f.v.(string)
				case "default":
					vt.Default = class
				case "update":
					vt.Update = class
				case "enter":
					vt.Enter = class
				case "exit":
					vt.Exit = class
				case "share":
					vt.Share = class
				default:
					return nil, fmt.Errorf("$viewtransition prop %q", f.k)
				}
			}
			vt.Children, err = buildNodes(v[2:])
			return vt, err
		case "$later":
			props, err := propsArg(v[1])
			if err != nil {
				return nil, err
			}
			g, _ := props.get("gate")
			num, _ := g.(json.Number)
			k, err := num.Int64()
			if err != nil || k < 0 || k > 100 {
				return nil, fmt.Errorf("$later needs a gate number, got %v", g)
			}
			for int64(len(gates)) <= k {
				gates = append(gates, make(chan struct{}))
			}
			gate := gates[k]
			kids, err := buildNodes(v[2:])
			return &tree.Component{Name: fmt.Sprintf("Later %d", k), Fn: func(ctx context.Context) (tree.Node, error) {
				select {
				case <-gate:
					return tree.Group(kids), nil
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}}, err
		case "$client":
			ref, _ := v[1].(string)
			mod, exp, ok := strings.Cut(ref, "#")
			if !ok {
				return nil, fmt.Errorf("client reference %q has no #export", v[1])
			}
			c := &tree.ClientRef{Module: mod, Export: exp}
			if len(v) > 2 {
				props, err := propsArg(v[2])
				if err != nil {
					return nil, err
				}
				key, rest, err := keyOf(props)
				if err != nil {
					return nil, err
				}
				c.Key = key
				if props != nil {
					c.Props = dataValue(rest)
				}
			}
			if len(v) > 3 {
				fb, err := buildNode(v[3])
				if err != nil {
					return nil, err
				}
				c.Fallback = fb
			}
			return c, nil
		}
		if strings.HasPrefix(head, "$") {
			return nil, fmt.Errorf("unknown node kind %q", head)
		}
		props, err := propsArg(v[1])
		if err != nil {
			return nil, err
		}
		key, rest, err := keyOf(props)
		if err != nil {
			return nil, err
		}
		var attrs []tree.Attr
		for _, f := range rest {
			val, err := attrValue(f.k, f.v)
			if err != nil {
				return nil, fmt.Errorf("<%s %s>: %v", head, f.k, err)
			}
			attrs = append(attrs, tree.Attr{Name: f.k, Value: val})
		}
		kids, err := buildNodes(v[2:])
		el := tree.NewElement(head, key, attrs, kids)
		if err != nil || slices.ContainsFunc(el.Children(), isNilOrGroup) {
			return el, err
		}
		// Built as the html helpers build it, with what El notes about
		// the subtree (tree.Element.Plain), so that the writers' fast
		// paths are what the corpus checks. (El drops nil children and
		// flattens groups, so those elements stay as they are.)
		nodes := make([]tree.Node, 0, 1+len(el.Attrs())+len(el.Children()))
		if key != nil {
			nodes = append(nodes, tree.Key(*key))
		}
		for _, a := range el.Attrs() {
			nodes = append(nodes, a)
		}
		return tree.El(head, append(nodes, el.Children()...)...), nil
	}
	return nil, fmt.Errorf("bad node %v", v)
}

func isNilOrGroup(n tree.Node) bool {
	_, group := n.(tree.Group)
	return n == nil || group
}

// attrValue turns a prop of a host element into the Go value gorsc's html
// helpers would give it.
func attrValue(name string, v any) (any, error) {
	if o, ok := v.(obj); ok {
		if len(o) > 0 && o[0].k == "$go" {
			x, _, err := tagged(o)
			return x, err
		}
		if id, ok := o.get("$action"); ok {
			a := &Action{ID: id.(string)}
			if b, ok := o.get("bound"); ok {
				args, _ := dataValue(b).([]any)
				if args == nil {
					args = []any{}
				}
				a.Bound = args
			}
			return a, nil
		}
		switch name {
		case "style":
			m := map[string]any{}
			for _, f := range o {
				m[f.k] = dataValue(f.v)
			}
			return m, nil
		case "dangerouslySetInnerHTML":
			h, ok := o.get("__html")
			s, isStr := h.(string)
			if !ok || !isStr || len(o) != 1 {
				return nil, fmt.Errorf("want {\"__html\": string}")
			}
			return s, nil
		}
	}
	return dataValue(v), nil
}

// dataValue converts plain JSON data: objects become flight.Objects (which
// keep key order), integral numbers ints, other numbers float64s, and the
// tagged values (see Tagged) the Go values they stand for.
func dataValue(v any) any {
	switch v := v.(type) {
	case obj:
		if x, ok, err := tagged(v); ok {
			if err != nil {
				panic(err)
			}
			return x
		}
		out := flight.Object{}
		for _, f := range v {
			out = append(out, flight.Field{Key: f.k, Value: dataValue(f.v)})
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = dataValue(x)
		}
		return out
	case json.Number:
		if i, err := v.Int64(); err == nil && i >= math.MinInt32 && i <= math.MaxInt32 {
			return int(i)
		}
		f, _ := v.Float64()
		return f
	}
	return v
}

// Action is a server action of a case: its id is used as is.
type Action struct {
	ID    string
	Bound []any
}

func (a *Action) ActionName() string { return a.ID }
func (a *Action) BoundArgs() []any   { return a.Bound }

// Resolver resolves client references through the corpus's fake manifest
// and actions to their ids, as tools/react/writers.mjs registers them with
// React.
type Resolver struct{ Corpus *Corpus }

func (r Resolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	m, ok := r.Corpus.Clients[module+"#"+export]
	if !ok {
		return flight.ClientMeta{}, fmt.Errorf("writertest: no client %s#%s in cases.json", module, export)
	}
	return flight.ClientMeta{ID: m.ID, Chunks: m.Chunks, Name: m.Name, Async: m.Async}, nil
}

func (r Resolver) ActionID(a tree.ActionRef) (string, error) { return a.ActionName(), nil }

func (r Resolver) EncodeBound(args []any) (string, error) {
	b, err := flight.EncodePlain(args)
	return string(b), err
}

// GoldenPath is the golden file of a case; ext is "rsc" or "html".
func GoldenPath(name, ext string) string { return filepath.Join(GoldenDir(), name+"."+ext) }

// ReadGolden returns a case's golden file.
func ReadGolden(t testing.TB, name, ext string) []byte {
	t.Helper()
	b, err := os.ReadFile(GoldenPath(name, ext))
	if err != nil {
		t.Fatalf("%v (regenerate with %s=1 go test ./internal/flight ./internal/fizz)", err, UpdateEnv)
	}
	return b
}

// Regenerate runs tools/react/writers.mjs to rewrite the golden files of
// one kind ("flight" or "html") from React's output.
func Regenerate(t testing.TB, kind string) {
	t.Helper()
	node := testenv.Node(t)
	testenv.NodeModules(t, filepath.Join("tools", "react"))
	cmd := exec.Command(node, scriptPath(), "golden", caseArg(), GoldenDir(), kind)
	cmd.Stderr = os.Stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("regenerating %s golden files: %v\n%s", kind, err, out)
	}
}

// Decoded is React's Flight client's reading of one Flight response: a
// normalized JSON tree, or the error it failed with.
type Decoded struct {
	Tree  json.RawMessage `json:"tree"`
	Error string          `json:"error"`
	// Warnings are what React's development builds logged while decoding
	// and rendering the response (DecodeDev only).
	Warnings []string `json:"warnings"`
}

// Decode feeds Flight responses (by label) to React's Flight client and
// returns the normalized trees it decoded. It needs Node.
func Decode(t testing.TB, rows map[string][]byte) map[string]Decoded {
	t.Helper()
	return decode(t, rows, "decode")
}

// DecodeDev is Decode with React's development builds
// (NODE_ENV=development): the client checks element shapes and keys and
// logs warnings, which each result lists.
func DecodeDev(t testing.TB, rows map[string][]byte) map[string]Decoded {
	t.Helper()
	return decode(t, rows, "decode-dev")
}

func decode(t testing.TB, rows map[string][]byte, mode string) map[string]Decoded {
	t.Helper()
	node := testenv.Node(t)
	testenv.NodeModules(t, filepath.Join("tools", "react"))
	in := map[string]string{}
	for k, v := range rows {
		in[k] = base64.StdEncoding.EncodeToString(v) // binary rows need not be UTF-8
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "rows.json")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, scriptPath(), mode, caseArg(), f)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("decoding with React's Flight client: %v", err)
	}
	var res map[string]Decoded
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("decoding with React's Flight client: bad output: %v", err)
	}
	return res
}

// RawTrees returns each case's tree as written in its case file, by name.
func RawTrees(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range CaseFiles() {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Cases []struct {
				Name string          `json:"name"`
				Tree json.RawMessage `json:"tree"`
			} `json:"cases"`
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		for _, c := range raw.Cases {
			out[c.Name] = string(c.Tree)
		}
	}
	return out
}

// EncodeFlight is the whole Flight response for root, as a stream writes
// it: row 0 and the rows before it, then the row of every promise written
// on the way, in the order of their ids, each once it has settled (a
// rejected one as an error row whose digest is "D:" and its message, as
// tools/react/writers.mjs names React's).
func EncodeFlight(root tree.Node, r flight.Resolver, opts flight.Options) ([]byte, error) {
	enc := flight.NewEncoderWith(r, opts)
	out, err := enc.Encode(root)
	if err != nil {
		return nil, err
	}
	queue := enc.TakePromises()
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		digest := ""
		if _, err := p.Promise.Result(); err != nil {
			digest = "D:" + err.Error()
		}
		rows, err := enc.EncodePromise(p, digest, opts.Dev)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
		queue = append(queue, enc.TakePromises()...)
	}
	return out, nil
}
