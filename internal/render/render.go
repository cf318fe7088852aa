// Package render evaluates a server component tree: it runs the server
// components and returns a tree of host elements, text, fragments, Suspense
// boundaries and client references that the Flight and HTML writers share.
package render

import (
	"context"
	"fmt"

	"github.com/gorsc/gorsc/internal/tree"
)

// maxDepth bounds component nesting so that a component that renders itself
// fails with an error instead of exhausting the stack.
const maxDepth = 2000

// Render runs every server component in n and returns the resolved tree.
// The first component error stops the render and is returned, wrapped with
// the names of the components it happened in.
func Render(ctx context.Context, n tree.Node) (tree.Node, error) {
	r := &renderer{ctx: ctx}
	return r.node(n, 0)
}

type renderer struct {
	ctx context.Context
}

func (r *renderer) nodes(ns []tree.Node, depth int) ([]tree.Node, error) {
	out := make([]tree.Node, 0, len(ns))
	for _, n := range ns {
		m, err := r.node(n, depth)
		if err != nil {
			return nil, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}

func (r *renderer) node(n tree.Node, depth int) (tree.Node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("gorsc: component nesting is deeper than %d (does a component render itself?)", maxDepth)
	}
	switch n := n.(type) {
	case nil:
		return nil, nil
	case tree.Text:
		return n, nil
	case *tree.Element:
		kids, err := r.nodes(n.Children, depth+1)
		if err != nil {
			return nil, err
		}
		c := *n
		c.Children = kids
		return &c, nil
	case tree.Group:
		kids, err := r.nodes(n, depth+1)
		if err != nil {
			return nil, err
		}
		return tree.Group(kids), nil
	case *tree.Fragment:
		kids, err := r.nodes(n.Children, depth+1)
		if err != nil {
			return nil, err
		}
		return &tree.Fragment{Key: n.Key, Children: kids}, nil
	case *tree.Suspense:
		fb, err := r.node(n.Fallback, depth+1)
		if err != nil {
			return nil, err
		}
		kids, err := r.nodes(n.Children, depth+1)
		if err != nil {
			return nil, err
		}
		return &tree.Suspense{Key: n.Key, Fallback: fb, Children: kids}, nil
	case *tree.ClientRef:
		fb, err := r.node(n.Fallback, depth+1)
		if err != nil {
			return nil, err
		}
		c := *n
		c.Fallback = fb
		// Nodes passed as props (children, slots) may hold server components.
		if props, ok := n.Props.(map[string]any); ok {
			var resolved map[string]any
			for k, v := range props {
				pn, ok := v.(tree.Node)
				if !ok {
					continue
				}
				rn, err := r.node(pn, depth+1)
				if err != nil {
					return nil, err
				}
				if resolved == nil {
					resolved = make(map[string]any, len(props))
					for k2, v2 := range props {
						resolved[k2] = v2
					}
				}
				resolved[k] = rn
			}
			if resolved != nil {
				c.Props = resolved
			}
		}
		return &c, nil
	case *tree.Component:
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		out, err := n.Fn(r.ctx)
		if err != nil {
			return nil, &ComponentError{Component: tree.Describe(n), Err: err}
		}
		m, err := r.node(out, depth+1)
		if err != nil {
			if ce, ok := err.(*ComponentError); ok {
				ce.Stack = append(ce.Stack, tree.Describe(n))
			}
			return nil, err
		}
		if n.Key != nil && m != nil {
			return &tree.Fragment{Key: n.Key, Children: []tree.Node{m}}, nil
		}
		return m, nil
	case tree.Attr, tree.Key:
		return n, nil // reported by the writers with the element context
	}
	return nil, fmt.Errorf("gorsc: unknown node type %T", n)
}

// ComponentError is an error returned by a server component, with the
// chain of components above it.
type ComponentError struct {
	Component string
	Stack     []string // parents, innermost first
	Err       error
}

func (e *ComponentError) Error() string {
	s := "gorsc: " + e.Component
	for _, p := range e.Stack {
		s += " (in " + p + ")"
	}
	return s + ": " + e.Err.Error()
}

func (e *ComponentError) Unwrap() error { return e.Err }
