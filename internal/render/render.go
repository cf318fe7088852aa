// Package render evaluates a server component tree: it runs the server
// components and returns a tree of host elements, text, fragments,
// boundaries and client references that the Flight and HTML writers share.
//
// Every server component runs in its own goroutine, started as soon as the
// renderer reaches it, so siblings that wait on I/O wait in parallel.
// Render returns the shell — everything outside Suspense boundaries — as
// soon as it is ready; each Suspense boundary becomes a *tree.Boundary that
// completes in the background.
package render

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/gorsc/gorsc/internal/tree"
)

// maxDepth bounds component nesting so that a component that renders itself
// fails with an error instead of exhausting the stack.
const maxDepth = 2000

// DefaultConcurrency bounds how many server components of one request run
// at the same time.
const DefaultConcurrency = 64

// Result is a render in progress.
type Result struct {
	// Root is the shell: every component outside Suspense boundaries has
	// run. Boundaries inside it may still be running.
	Root tree.Node
	wg   *sync.WaitGroup
}

// Wait blocks until every goroutine of the render has ended. Components
// end early when the context is cancelled, if they honour it.
func (r *Result) Wait() { r.wg.Wait() }

// Options tune a render.
type Options struct {
	// Concurrency bounds the server components running at once (default
	// DefaultConcurrency).
	Concurrency int
}

// Render runs the server components of n. It returns when the shell is
// ready, or with the first error outside any Suspense boundary; in both
// cases call Wait on a non-nil Result before the request ends.
func Render(ctx context.Context, n tree.Node, opts Options) (*Result, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	r := &renderer{ctx: ctx, sem: make(chan struct{}, opts.Concurrency), wg: &sync.WaitGroup{}}
	root, err := r.start(n, 0)()
	res := &Result{Root: root, wg: r.wg}
	if err != nil {
		return res, err
	}
	return res, nil
}

type renderer struct {
	ctx context.Context
	sem chan struct{}
	wg  *sync.WaitGroup
}

// future is a node being resolved; calling it waits for the result. Each
// future is called exactly once.
type future func() (tree.Node, error)

func done(n tree.Node) future { return func() (tree.Node, error) { return n, nil } }

func failed(err error) future { return func() (tree.Node, error) { return nil, err } }

func (r *renderer) startAll(ns []tree.Node, depth int) []future {
	fs := make([]future, len(ns))
	for i, n := range ns {
		fs[i] = r.start(n, depth)
	}
	return fs
}

// waitAll waits for every future, even after an error, so that no
// goroutine is left reading a channel nobody drains.
func waitAll(fs []future) ([]tree.Node, error) {
	out := make([]tree.Node, 0, len(fs))
	var first error
	for _, f := range fs {
		n, err := f()
		if err != nil && first == nil {
			first = err
		}
		if n != nil {
			out = append(out, n)
		}
	}
	if first != nil {
		return nil, first
	}
	return out, nil
}

// start begins resolving n and returns its future.
func (r *renderer) start(n tree.Node, depth int) future {
	if depth > maxDepth {
		return failed(fmt.Errorf("gorsc: component nesting is deeper than %d (does a component render itself?)", maxDepth))
	}
	switch n := n.(type) {
	case nil:
		return done(nil)
	case tree.Text, tree.Number, tree.Attr, tree.Key:
		return done(n) // attributes and keys out of place are reported by the writers
	case *tree.Element:
		if !hasWork(n.Children) {
			return done(n)
		}
		kids := r.startAll(n.Children, depth+1)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			c := *n
			c.Children = resolved
			return &c, nil
		}
	case tree.Group:
		if !hasWork(n) {
			return done(n)
		}
		kids := r.startAll(n, depth+1)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			return tree.Group(resolved), nil
		}
	case *tree.Fragment:
		if !hasWork(n.Children) {
			return done(n)
		}
		kids := r.startAll(n.Children, depth+1)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			return &tree.Fragment{Key: n.Key, Children: resolved}, nil
		}
	case *tree.Suspense:
		return r.suspense(n, depth)
	case *tree.Boundary:
		return done(n)
	case *tree.ClientRef:
		return r.client(n, depth)
	case *tree.Component:
		return r.component(n, depth)
	}
	return failed(fmt.Errorf("gorsc: unknown node type %T", n))
}

// hasWork reports whether any node below ns needs resolving (a component,
// a Suspense boundary, or a client reference whose fallback or props
// might hold one). Plain markup is shared as it is, without copying.
func hasWork(ns []tree.Node) bool {
	for _, n := range ns {
		switch n := n.(type) {
		case *tree.Element:
			if hasWork(n.Children) {
				return true
			}
		case tree.Group:
			if hasWork(n) {
				return true
			}
		case *tree.Fragment:
			if hasWork(n.Children) {
				return true
			}
		case *tree.Component, *tree.Suspense, *tree.ClientRef:
			return true
		}
	}
	return false
}

func (r *renderer) component(c *tree.Component, depth int) future {
	ch := make(chan struct {
		n   tree.Node
		err error
	}, 1)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		n, err := r.call(c)
		if err == nil {
			n, err = r.start(n, depth+1)()
			if ce, ok := err.(*ComponentError); ok {
				ce.Stack = append(ce.Stack, tree.Describe(c))
			}
		}
		if err == nil && c.Key != nil && n != nil {
			n = &tree.Fragment{Key: c.Key, Children: []tree.Node{n}}
		}
		ch <- struct {
			n   tree.Node
			err error
		}{n, err}
	}()
	return func() (tree.Node, error) {
		res := <-ch
		return res.n, res.err
	}
}

// call runs one component function, within the concurrency bound, turning
// a panic into an error.
func (r *renderer) call(c *tree.Component) (n tree.Node, err error) {
	select {
	case r.sem <- struct{}{}:
	case <-r.ctx.Done():
		return nil, r.ctx.Err()
	}
	defer func() { <-r.sem }()
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			err = &ComponentError{Component: tree.Describe(c), Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
		}
	}()
	n, err = c.Fn(r.ctx)
	if err != nil {
		return nil, &ComponentError{Component: tree.Describe(c), Err: err}
	}
	return n, nil
}

// suspense starts the boundary's children in the background; the shell
// only waits for the fallback.
func (r *renderer) suspense(s *tree.Suspense, depth int) future {
	b := &tree.Boundary{Key: s.Key, Done: make(chan struct{})}
	fallback := r.start(s.Fallback, depth+1)
	kids := r.startAll(s.Children, depth+1)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		b.Children, b.Err = waitAll(kids)
		close(b.Done)
	}()
	return func() (tree.Node, error) {
		fb, err := fallback()
		if err != nil {
			return nil, err
		}
		b.Fallback = fb
		return b, nil
	}
}

func (r *renderer) client(c *tree.ClientRef, depth int) future {
	fallback := r.start(c.Fallback, depth+1)
	// Nodes passed as props (children, slots) may hold server components.
	props, _ := c.Props.(map[string]any)
	var keys []string
	var futs []future
	for k, v := range props {
		if pn, ok := v.(tree.Node); ok {
			keys = append(keys, k)
			futs = append(futs, r.start(pn, depth+1))
		}
	}
	return func() (tree.Node, error) {
		fb, err := fallback()
		resolved := make([]tree.Node, len(futs))
		for i, f := range futs {
			n, ferr := f()
			if ferr != nil && err == nil {
				err = ferr
			}
			resolved[i] = n
		}
		if err != nil {
			return nil, err
		}
		out := *c
		out.Fallback = fb
		if len(keys) > 0 {
			p := make(map[string]any, len(props))
			for k, v := range props {
				p[k] = v
			}
			for i, k := range keys {
				p[k] = resolved[i]
			}
			out.Props = p
		}
		if c.HTML != nil {
			p, _ := out.Props.(map[string]any)
			// Plain markup around nodes that are already rendered.
			if out.SSR, err = r.start(c.HTML(p), depth+1)(); err != nil {
				return nil, err
			}
		}
		return &out, nil
	}
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
