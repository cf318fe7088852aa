package render

import (
	"context"
	"testing"

	"github.com/gorsc/gorsc/internal/tree"
)

func TestClientStylesheets(t *testing.T) {
	css := map[string][]string{"a.tsx": {"/_gorsc/a-1.css", "/_gorsc/shared-2.css"}, "b.tsx": {"/_gorsc/b-3.css"}}
	key := "k"
	inner := &tree.ClientRef{Module: "a.tsx", Export: "A"}
	root := tree.El("div",
		&tree.ClientRef{Module: "a.tsx", Export: "A"},
		&tree.ClientRef{Module: "b.tsx", Export: "B", Key: &key},
		&tree.ClientRef{Module: "c.tsx", Export: "C"},
		&tree.ClientRef{Module: "c.tsx", Export: "C", Props: map[string]any{"children": tree.Node(inner)}},
	)
	res, err := Render(context.Background(), root, Options{Stylesheets: func(m string) []string { return css[m] }})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Wait()
	kids := res.Root.(*tree.Element).Children()
	href := func(n tree.Node) string {
		el, ok := n.(*tree.Element)
		if !ok || el.Tag != "link" {
			t.Fatalf("%s is not a link", tree.Describe(n))
		}
		var rel, h, prec string
		for _, a := range el.Attrs() {
			switch a.Name {
			case "rel":
				rel = a.Value.(string)
			case "href":
				h = a.Value.(string)
			case "precedence":
				prec = a.Value.(string)
			}
		}
		if rel != "stylesheet" || prec != StylesheetPrecedence {
			t.Errorf("link %s: rel %q precedence %q", h, rel, prec)
		}
		return h
	}
	// An unkeyed reference: its links, then itself, spliced in place.
	g, ok := kids[0].(tree.Group)
	if !ok || len(g) != 3 || href(g[0]) != "/_gorsc/a-1.css" || href(g[1]) != "/_gorsc/shared-2.css" {
		t.Fatalf("first child = %#v", kids[0])
	}
	if c, ok := g[2].(*tree.ClientRef); !ok || c.Export != "A" {
		t.Errorf("the reference follows its links: %#v", g[2])
	}
	// A keyed reference: a fragment with the key.
	f, ok := kids[1].(*tree.Fragment)
	if !ok || f.Key == nil || *f.Key != "k" || len(f.Children) != 2 || href(f.Children[0]) != "/_gorsc/b-3.css" {
		t.Fatalf("second child = %#v", kids[1])
	}
	// A module without CSS is left as it is.
	if _, ok := kids[2].(*tree.ClientRef); !ok {
		t.Errorf("third child = %#v", kids[2])
	}
	// A reference passed as a prop gets its links too.
	props := kids[3].(*tree.ClientRef).Props.(map[string]any)
	if g, ok := props["children"].(tree.Group); !ok || len(g) != 3 {
		t.Errorf("children prop = %#v", props["children"])
	}
}
