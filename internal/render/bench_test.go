package render_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/tree"
)

// benchTree is a page of 20 sections, each a server component with a
// Suspense boundary around 10 list items made by a component: 41
// components and 20 boundaries whose content does not wait.
func benchTree() tree.Node {
	sections := make([]tree.Node, 20)
	for i := range sections {
		sections[i] = &tree.Component{Name: "Section", Fn: func(ctx context.Context) (tree.Node, error) {
			return tree.El("section", tree.El("h2", tree.Text(fmt.Sprint("Section ", i))),
				&tree.Suspense{Fallback: tree.Text("…"), Children: []tree.Node{&tree.Component{Name: "Items", Fn: func(ctx context.Context) (tree.Node, error) {
					items := make([]tree.Node, 10)
					for j := range items {
						items[j] = tree.El("li", tree.Text(fmt.Sprint("item ", j)))
					}
					return tree.El("ul", tree.Group(items)), nil
				}}}}), nil
		}}
	}
	return &tree.Component{Name: "Page", Fn: func(ctx context.Context) (tree.Node, error) {
		return tree.El("main", tree.Group(sections)), nil
	}}
}

func BenchmarkRenderSuspensePage(b *testing.B) {
	root := benchTree()
	b.ReportAllocs()
	for b.Loop() {
		res, err := render.Render(context.Background(), root, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res.Wait()
	}
}
