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
// tests check the ids against React's), and writes what it answers.
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
	)
	var calls []string
	html, err := Render(root, noActions{}, &Options{RenderClient: func(c *tree.ClientRef, at ClientAt) ClientHTML {
		calls = append(calls, fmt.Sprintf("%s%v", c.Export, at.Tree.Forks))
		if c.Export == "fails" {
			return ClientHTML{Digest: "d1"}
		}
		return ClientHTML{HTML: []byte("<i>" + c.Export + "</i>"), Head: []byte(`<meta name="m" content="` + c.Export + `"/>`)}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(calls, " "), "a[{5 0}] b[{5 1}] c[{5 2} {2 0}] d[{5 2} {2 1} {2 0}] fails[{5 3}]"; got != want {
		t.Errorf("calls %s, want %s", got, want)
	}
	want := `<meta name="m" content="a"/><meta name="m" content="b"/><meta name="m" content="c"/><meta name="m" content="d"/>` +
		`<div><!--$--><i>a</i><!--/$--><p><!--$--><i>b</i><!--/$--></p><!--$--><i>c</i><!--/$--><!--$--><i>d</i><!--/$-->t` +
		`<!--$!--><template data-dgst="d1"></template>fallback fails<!--/$-->` +
		`<!--$!--><template data-dgst=""></template>fallback only<!--/$--></div>`
	if string(html) != want {
		t.Errorf("HTML\n got %s\nwant %s", html, want)
	}
}
