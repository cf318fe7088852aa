package fizz

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/tree"
)

type noActions struct{}

func (noActions) ActionID(tree.ActionRef) (string, error) { return "", fmt.Errorf("no actions") }
func (noActions) EncodeBound([]any) (string, error)       { return "", fmt.Errorf("no actions") }

// The writer asks RenderClient for each outermost client component, with
// the forks on its path as the Flight writer encodes them (internal/ssr's
// tests check the ids against React's) and whether it is in SVG, and
// writes what it answers. Components that are ClientOnly or directly
// inside a <ViewTransition> are not asked.
func TestRenderClientHook(t *testing.T) {
	probe := func(name string) *tree.ClientRef {
		return &tree.ClientRef{Module: "C.tsx", Export: name, Fallback: tree.Text("fallback " + name)}
	}
	only := probe("only")
	only.ClientOnly = true
	root := tree.El("div",
		probe("a"),
		tree.El("p", probe("b")),
		&tree.Fragment{Children: []tree.Node{probe("c"), tree.Group{probe("d"), tree.Text("t")}}},
		probe("fails"),
		only,
		&tree.ViewTransition{Children: []tree.Node{probe("vt")}},
		&tree.ViewTransition{Children: []tree.Node{tree.El("span", probe("in-vt-span"))}},
		tree.El("svg", probe("svg"), tree.El("foreignObject", probe("html"))),
	)
	var calls []string
	html, err := Render(root, noActions{}, &Options{RenderClient: func(c *tree.ClientRef, at ClientAt) ClientHTML {
		call := fmt.Sprintf("%s%v", c.Export, at.Tree.Forks)
		if at.SVG {
			call += "svg"
		}
		calls = append(calls, call)
		if c.Export == "fails" {
			return ClientHTML{Digest: "d1"}
		}
		return ClientHTML{HTML: []byte("<i>" + c.Export + "</i>"), Head: []byte(`<meta name="m" content="` + c.Export + `"/>`)}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(calls, " "), "a[{8 0}] b[{8 1}] c[{8 2} {2 0}] d[{8 2} {2 1} {2 0}] fails[{8 3}] in-vt-span[{8 6} {1 0}] svg[{8 7} {2 0}]svg html[{8 7} {2 1}]"; got != want {
		t.Errorf("calls %s, want %s", got, want)
	}
	want := `<meta name="m" content="a"/><meta name="m" content="b"/><meta name="m" content="c"/><meta name="m" content="d"/>` +
		`<meta name="m" content="in-vt-span"/><meta name="m" content="svg"/><meta name="m" content="html"/>` +
		`<div><!--$--><i>a</i><!--/$--><p><!--$--><i>b</i><!--/$--></p><!--$--><i>c</i><!--/$--><!--$--><i>d</i><!--/$-->t` +
		`<!--$!--><template data-dgst="d1"></template>fallback fails<!--/$-->` +
		`<!--$!--><template data-dgst=""></template>fallback only<!--/$-->` +
		`<!--$!--><template data-dgst=""></template>fallback vt<!--/$-->` +
		`<span vt-update="auto"><!--$--><i>in-vt-span</i><!--/$--></span>` +
		`<svg><!--$--><i>svg</i><!--/$--><foreignObject><!--$--><i>html</i><!--/$--></foreignObject></svg></div>`
	if string(html) != want {
		t.Errorf("HTML\n got %s\nwant %s", html, want)
	}
}
