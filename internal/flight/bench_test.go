package flight_test

import (
	"fmt"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

var benchResolver = writertest.Resolver{Corpus: &writertest.Corpus{Clients: map[string]writertest.ClientMeta{
	"components/Form.tsx#Form": {ID: "/a/Form.js", Chunks: []string{"/a/Form.js", "/a/Form.js"}, Name: "Form"},
}}}

func text(s string) tree.Node { return tree.Text(s) }

// benchList is a list of n items as examples/bench's home page writes
// them: elements, classes and short texts.
func benchList(n int) tree.Node {
	items := make([]tree.Node, n)
	for i := range items {
		id := fmt.Sprint(i)
		items[i] = tree.El("li", tree.Key(id), tree.Attr{Name: "className", Value: "item"},
			tree.El("span", tree.Attr{Name: "className", Value: "id"}, text("#"), text(id)), text(" "),
			tree.El("strong", tree.Attr{Name: "className", Value: "title"}, text("Item "+id)), text(" "),
			tree.El("span", tree.Attr{Name: "className", Value: "desc"}, text("The description of item "+id)))
	}
	return tree.El("ul", tree.Attr{Name: "className", Value: "items"}, tree.Group(items))
}

// benchForms is examples/bench's todo list: n client component forms,
// each with a sealed bound action and a style object.
func benchForms(n int) tree.Node {
	items := make([]tree.Node, n)
	for i := range items {
		id := fmt.Sprint(i)
		items[i] = tree.El("li", tree.Key(id), text("Todo "+id),
			&tree.ClientRef{Module: "components/Form.tsx", Export: "Form", Props: map[string]any{
				"action":   &writertest.Action{ID: "3f1c0de2a9b84e1f6a7d5c3b2e1f0a9b8c7d6e5f.x2Vb9aQ" + id},
				"style":    map[string]any{"display": "inline"},
				"children": tree.El("button", text("Delete")),
			}})
	}
	return tree.El("ul", tree.Group(items))
}

func benchEncode(b *testing.B, root tree.Node) {
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		e := flight.NewEncoderWith(benchResolver, flight.Options{})
		var err error
		buf, err = e.AppendEncode(buf[:0], root)
		if err != nil {
			b.Fatal(err)
		}
		e.Release()
	}
	b.SetBytes(int64(len(buf)))
}

// BenchmarkEncodeList is the Flight writer on a page of 200 plain items.
func BenchmarkEncodeList(b *testing.B) { benchEncode(b, benchList(200)) }

// BenchmarkEncodeForms is the Flight writer on 100 client component forms
// with bound actions and style objects (remembered for React's dedupe).
func BenchmarkEncodeForms(b *testing.B) { benchEncode(b, benchForms(100)) }
