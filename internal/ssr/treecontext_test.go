package ssr

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

func probe(label string, children ...tree.Node) *tree.ClientRef {
	props := map[string]any{"label": label}
	switch len(children) {
	case 0:
	case 1:
		props["children"] = children[0]
	default:
		props["children"] = tree.Group(children)
	}
	return client("components/Ids.tsx#Probe", props)
}

func keyed(k string, c *tree.ClientRef) *tree.ClientRef { c.Key = &k; return c }

func text(s string) tree.Node { return tree.Text(s) }

// idsPage is a document with useId probes (client components) in every
// position that forks React's tree context: keyed lists, fragments,
// groups, nested client components, server children of client
// components, the runtime's Go-rendered client components, and lists
// nested deep enough for React's id to overflow 30 bits.
func idsPage() tree.Node {
	var items []tree.Node
	for i := range 12 {
		k := strconv.Itoa(i)
		li := tree.El("li", tree.Key("k"+k), text("item "+k))
		if i%4 == 1 {
			li.SetChildren(append(li.Children(), probe("li"+k)))
		}
		items = append(items, li)
	}
	// Nested lists: 6 levels of 40 entries, one of which goes deeper.
	var deep tree.Node = probe("deepest")
	for level := range 6 {
		var kids []tree.Node
		for i := range 40 {
			if i == 37-level {
				kids = append(kids, tree.El("li", tree.Key(strconv.Itoa(i)), deep))
			} else if i == 3 {
				kids = append(kids, tree.El("li", tree.Key(strconv.Itoa(i)), probe(fmt.Sprintf("level%d", level))))
			} else {
				kids = append(kids, tree.El("li", tree.Key(strconv.Itoa(i)), text("x")))
			}
		}
		deep = tree.El("ul", kids...)
	}
	slotKey := "/"
	return tree.El("html",
		tree.El("head", tree.El("meta", tree.Attr{Name: "charSet", Value: "utf-8"}), tree.El("title", text("ids"))),
		tree.El("body",
			tree.El("h1", text("ids")),
			probe("single"),
			tree.El("div", probe("only-child")),
			tree.El("ul", items...),
			&tree.Fragment{Key: ptr("frag"), Children: []tree.Node{probe("kf1"), probe("kf2")}},
			&tree.Fragment{Children: []tree.Node{probe("f1"), tree.Group{probe("g1"), probe("g2")}, text("t")}},
			client("components/Ids.tsx#Pair", map[string]any{"label": "pair", "children": tree.Group{probe("pc1"), probe("pc2")}}),
			client("components/Ids.tsx#Pair", map[string]any{"label": "pair2", "children": client("components/Ids.tsx#List", map[string]any{"n": 3, "prefix": "inner"})}),
			client("components/Ids.tsx#List", map[string]any{"n": 25, "prefix": "l"}),
			keyed("kp", probe("keyed-client", tree.El("b", text("server child")), probe("nested-in-probe"))),
			tree.El("div", tree.El("div", tree.El("section", text("a"), tree.El("div", probe("deep-div"))))),
			// The runtime's components that Go renders itself: a Slot
			// holding a group, a Link with several children, an
			// ErrorBoundary.
			&tree.ClientRef{Module: "gorsc:segment.tsx", Export: "Slot", Key: &slotKey,
				Props: map[string]any{"id": "/", "children": tree.Group{probe("slot1"), tree.El("p", text("in slot")), probe("slot2")}},
				SSR:   tree.Group{probe("slot1"), tree.El("p", text("in slot")), probe("slot2")}},
			&tree.ClientRef{Module: "gorsc:link.tsx", Export: "Link",
				Props: map[string]any{"href": "/x", "children": tree.Group{text("go "), probe("in-link")}},
				SSR:   tree.El("a", tree.Attr{Name: "href", Value: "/x"}, text("go "), probe("in-link"))},
			&tree.ClientRef{Module: "gorsc:error-boundary.tsx", Export: "ErrorBoundary",
				Props: map[string]any{"fallback": text("oops"), "children": probe("in-boundary")},
				SSR:   probe("in-boundary")},
			&tree.Suspense{Fallback: text("wait"), Children: []tree.Node{probe("suspense1"), probe("suspense2")}},
			tree.El("ol", deep),
			// Automatic <ViewTransition> names come from the same tree
			// context (fizz.TreeContext) as the probes' ids.
			&tree.ViewTransition{Children: []tree.Node{tree.El("div", probe("vt1"), tree.El("p", probe("vt2")))}},
			tree.El("div", text("x"), &tree.ViewTransition{Name: "named", Children: []tree.Node{tree.El("section", probe("vt3"))}}),
			client("components/Values.tsx#Head", map[string]any{"title": "From a client component"}),
		),
	)
}

func ptr[T any](v T) *T { return &v }

var probeAttrs = regexp.MustCompile(`data-probe="([^"]*)" data-id="([^"]*)"(?: data-id2="([^"]*)")?`)

// probeIDs maps each probe's label to its ids.
func probeIDs(html []byte) map[string]string {
	out := map[string]string{}
	for _, m := range probeAttrs.FindAllSubmatch(html, -1) {
		out[string(m[1])] = string(m[2]) + " " + string(m[3])
	}
	return out
}

// reactPage renders the page's Flight rows with React in Node
// (tools/react/ssr-page.mjs).
func reactPage(t *testing.T, server, rows []byte) []byte {
	t.Helper()
	node := testenv.Node(t)
	path := filepath.Join(t.TempDir(), "server.js")
	if err := os.WriteFile(path, server, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(testenv.RepoRoot(), "tools", "react", "ssr-page.mjs"), path)
	cmd.Stdin = bytes.NewReader(rows)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("node ssr-page.mjs: %v\n%s", err, stderr.Bytes())
	}
	return out
}

// goPage writes the page with gorsc's HTML writer, server-rendering its
// client components with e. at records where each probe was rendered.
func goPage(t testing.TB, e *Engine, r resolver, page tree.Node, at map[string]fizz.TreeContext) []byte {
	t.Helper()
	html, err := fizz.Render(page, r, &fizz.Options{RenderClient: func(c *tree.ClientRef, where fizz.ClientAt) fizz.ClientHTML {
		if p, ok := c.Props.(map[string]any); ok && at != nil {
			if l, ok := p["label"].(string); ok {
				at[l] = where.Tree
			}
		}
		rows, err := flight.EncodeClient(c, r, r.flight())
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Render(context.Background(), Request{Flight: rows, Tree: where.Tree, SVG: where.SVG})
		if err != nil {
			t.Errorf("%s: %v", tree.Describe(c), err)
			return fizz.ClientHTML{Digest: "digest"}
		}
		return fizz.ClientHTML{HTML: res.HTML, Head: res.Head}
	}})
	if err != nil {
		t.Fatal(err)
	}
	return html
}

func TestTreeContextMatchesReact(t *testing.T) {
	e, r := testEngine(t, Options{})
	page := idsPage()
	rows, err := flight.EncodeWith(page, r, r.flight())
	if err != nil {
		t.Fatal(err)
	}
	want := reactPage(t, testApp(t).Server, rows)
	at := map[string]fizz.TreeContext{}
	got := goPage(t, e, r, page, at)

	wantIDs, gotIDs := probeIDs(want), probeIDs(got)
	if len(wantIDs) < 40 {
		t.Fatalf("React's page has %d probes:\n%s", len(wantIDs), want)
	}
	for label, id := range wantIDs {
		if gotIDs[label] != id {
			t.Errorf("probe %s: gorsc's id %q, React's %q", label, gotIDs[label], id)
		}
	}
	if len(gotIDs) != len(wantIDs) {
		t.Errorf("gorsc's page has %d probes, React's %d", len(gotIDs), len(wantIDs))
	}
	// The writer's tree context of each outermost probe is React's.
	overflowed := false
	for label, tc := range at {
		if got, want := "_R_"+tc.ID()+"_", strings.Fields(wantIDs[label])[0]; got != want {
			t.Errorf("probe %s: TreeContext.ID gives %q, React %q (forks %v)", label, got, want, tc.Forks)
		}
		overflowed = overflowed || len(tc.Forks) > 5 && len(tc.ID()) > 6
	}
	if !overflowed {
		t.Error("no probe is deep enough for React's tree id to overflow 30 bits")
	}
	// Beyond the ids, gorsc's document (Go's HTML for the server parts,
	// the engine's for the client components) is React's, byte for byte.
	if !bytes.Equal(got, want) {
		t.Errorf("the documents differ:\n gorsc %s\n React %s", got, want)
	}
	t.Logf("%d probes, %d rendered by the engine; document of %d bytes identical to React's", len(wantIDs), len(at), len(got))
}

// TestTreeContextAcrossSegments checks the tree context of client
// components inside a Suspense boundary that streams in after the shell
// (fizz.Stream.Segment): the ids must be those React computes for the
// whole tree.
func TestTreeContextAcrossSegments(t *testing.T) {
	e, r := testEngine(t, Options{})
	b := &tree.Boundary{Fallback: text("loading"), Done: make(chan struct{})}
	page := tree.El("html", tree.El("head"), tree.El("body",
		probe("before"),
		tree.El("main", text("x"), b, probe("after")),
	))
	enc := flight.NewEncoderWith(r, r.flight())
	rows, err := enc.Encode(page)
	if err != nil {
		t.Fatal(err)
	}
	s := fizz.NewStream(r, &fizz.Options{RenderClient: func(c *tree.ClientRef, at fizz.ClientAt) fizz.ClientHTML {
		frows, err := flight.EncodeClient(c, r, r.flight())
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Render(context.Background(), Request{Flight: frows, Tree: at.Tree})
		if err != nil {
			t.Fatal(err)
		}
		return fizz.ClientHTML{HTML: res.HTML}
	}}, testApp(t).Fizz, func(*tree.Boundary) string { return "" })
	shell, err := s.Shell(page)
	if err != nil {
		t.Fatal(err)
	}
	// The boundary's children arrive after the shell was written.
	b.Children = []tree.Node{tree.El("ul", tree.El("li", tree.Key("a"), probe("late1")), tree.El("li", tree.Key("b"), probe("late2"))), probe("late3")}
	close(b.Done)
	for _, l := range enc.TakeLazies() {
		more, err := enc.EncodeLazy(l, "", r.dev)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, more...)
	}
	var segs []byte
	for _, p := range s.TakePending() {
		seg, err := s.Segment(p)
		if err != nil {
			t.Fatal(err)
		}
		segs = append(segs, seg...)
	}
	got := probeIDs(append(shell, segs...))
	want := probeIDs(reactPage(t, testApp(t).Server, rows))
	if len(want) != 5 {
		t.Fatalf("React's page has %d probes", len(want))
	}
	for label, id := range want {
		if got[label] != id {
			t.Errorf("probe %s: gorsc's id %q, React's %q", label, got[label], id)
		}
	}
}

// TestHeadMatchesReact checks where the writer files what server-rendered
// client components hoist (fizz: addClientHead) among the server
// components' own hoistables: React's render of the whole page is the
// golden, byte for byte.
func TestHeadMatchesReact(t *testing.T) {
	e, r := testEngine(t, Options{})
	sheet := func(href, prec string) tree.Node {
		return tree.El("link", tree.Attr{Name: "rel", Value: "stylesheet"}, tree.Attr{Name: "href", Value: href}, tree.Attr{Name: "precedence", Value: prec})
	}
	meta := func(name string) tree.Node {
		return tree.El("meta", tree.Attr{Name: "name", Value: name}, tree.Attr{Name: "content", Value: "x"})
	}
	resources := func(name, href, prec string) tree.Node {
		return client("components/Values.tsx#Resources", map[string]any{"name": name, "href": href, "precedence": prec})
	}
	page := tree.El("html",
		tree.El("head", tree.El("meta", tree.Attr{Name: "charSet", Value: "utf-8"}), tree.El("title", text("server")), sheet("/a.css", "default")),
		tree.El("body",
			tree.El("h1", text("head")),
			meta("before"),
			client("components/Values.tsx#Head", map[string]any{"title": "From a client component"}),
			meta("between"),
			resources("r1", "/b.css", "high"),
			sheet("/c.css", "default"),
			tree.El("img", tree.Attr{Name: "src", Value: "/server.png"}),
			resources("r2", "/a.css", "default"),
			&tree.Suspense{Fallback: tree.Group{meta("in-fallback"), text("wait")}, Children: []tree.Node{resources("r3", "/d.css", "low")}},
			meta("after"),
		),
	)
	rows, err := flight.EncodeWith(page, r, r.flight())
	if err != nil {
		t.Fatal(err)
	}
	want := reactPage(t, testApp(t).Server, rows)
	got := goPage(t, e, r, page, nil)
	if !bytes.Equal(got, want) {
		t.Errorf("the documents differ:\n gorsc %s\n React %s", got, want)
	}
}
