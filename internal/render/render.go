// Package render evaluates a server component tree: it runs the server
// components and returns a tree of host elements, text, fragments,
// boundaries and client references that the Flight and HTML writers share.
//
// # Parallel components, deterministic boundaries
//
// Every server component runs in its own goroutine, started as soon as the
// renderer reaches it, so siblings that wait on I/O wait in parallel.
//
// Render returns the shell (everything outside Suspense boundaries) once
// it is ready and every Suspense boundary it shows has settled. A boundary
// settles when its content is done, or as soon as a component of its
// content waits: calls Done on the context it was given, which is how Go
// code waits on the network, a database, a timer or a lock that honours
// cancellation. A settled boundary whose content is done is returned as a
// *tree.Suspense with its children in place, which both writers write
// inline (as React writes a boundary whose content did not suspend); the
// others become *tree.Boundary values that complete in the background and
// stream.
//
// So content that does not wait — markup, and components that compute and
// return without waiting on their context — is inline in every response,
// and the bytes of such a tree are the same on every request, however the
// goroutines are scheduled. Content that waits streams (or is inline when
// it happens to finish before the shell is written, as with React). A
// component that blocks without its context (time.Sleep, a bare channel
// receive) looks like computation: the shell waits for it, as React's
// shell waits for a synchronous component.
//
// # Safety
//
// A panic in a component, or anywhere in a goroutine the renderer starts,
// becomes an error (a *ComponentError). A typed nil node (a nil
// *tree.ClientRef stored in a tree.Node) renders nothing, like nil. When
// the render's context ends (its timeout, or the client going away), the
// render completes whatever its components do: the shell fails, or pending
// boundaries fail with an error wrapping the context's error; a component
// still running its function is abandoned (counted by Abandoned) and its
// late result ignored.
package render

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/tree"
)

// maxDepth bounds component nesting so that a component that renders itself
// fails with an error instead of exhausting the stack.
const maxDepth = 2000

// DefaultConcurrency bounds how many server components of one request run
// at the same time.
const DefaultConcurrency = 64

// abandoned counts the component goroutines of ended renders that are
// still running a component's function.
var abandoned atomic.Int64

// Abandoned returns how many goroutines are still running a server
// component's function for a render that has ended (its context ended
// and Wait returned without them). Each is subtracted when its function
// returns; its result is ignored. A number that only grows means
// components block without honouring their context.
func Abandoned() int64 { return abandoned.Load() }

// Result is a render in progress.
type Result struct {
	// Root is the shell: every component outside Suspense boundaries has
	// run, and every boundary in it has settled (see the package
	// documentation). Boundaries still pending are *tree.Boundary values.
	Root tree.Node
	r    *renderer
}

// Wait blocks until every goroutine of the render has ended or, once the
// render's context has ended, until the only ones left are running a
// component's function: those are abandoned (see Abandoned). Call it,
// after cancelling the render's context if the response is over, before
// the request ends. Wait may be called more than once.
func (res *Result) Wait() { res.r.wait() }

// Options tune a render.
type Options struct {
	// Concurrency bounds the server components running at once (default
	// DefaultConcurrency).
	Concurrency int
	// Stylesheets, when set, returns the URLs of the stylesheets a client
	// module needs (its CSS imports); see stylesheets.go.
	Stylesheets func(module string) []string
}

// Render runs the server components of n. It returns when the shell is
// ready and its boundaries have settled, or with the first error outside
// any Suspense boundary (which may be the context's end); in both cases
// call Wait on the Result (never nil) before the request ends.
func Render(ctx context.Context, n tree.Node, opts Options) (*Result, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	r := &renderer{ctx: ctx, sem: make(chan struct{}, opts.Concurrency), scopes: map[*tree.Boundary]*scope{}, sheets: opts.Stylesheets}
	r.cond.L = &r.mu
	r.stop = context.AfterFunc(ctx, func() {
		r.mu.Lock()
		r.cond.Broadcast()
		r.mu.Unlock()
	})
	res := &Result{r: r}
	root, err := protect(func() string { return tree.Describe(n) }, r.start(n, 0, nil))
	if err != nil {
		return res, err
	}
	root, err = protect(func() string { return "Suspense boundaries" }, func() (tree.Node, error) {
		n, _ := r.settle(root)
		return n, nil
	})
	if err != nil {
		return res, err
	}
	res.Root = root
	return res, nil
}

type renderer struct {
	ctx    context.Context
	sem    chan struct{}
	sheets func(module string) []string

	mu    sync.Mutex
	cond  sync.Cond
	live  int  // goroutines started and not ended
	inFn  int  // of those, the ones running a component's function
	ended bool // Wait abandoned the ones running a component's function
	stop  func() bool

	scopes map[*tree.Boundary]*scope // guarded by mu
}

// scope is the content of one Suspense boundary: settled is closed when
// the content is done or one of its components waits.
type scope struct {
	settled chan struct{}
	once    sync.Once
}

func newScope() *scope { return &scope{settled: make(chan struct{})} }

func (s *scope) settle() { s.once.Do(func() { close(s.settled) }) }

// componentContext is the context a component inside a Suspense boundary
// runs with: calling Done while the component runs settles the boundary,
// because Go code that waits (for I/O, a timer, a lock) selects on it.
type componentContext struct {
	context.Context
	scope   *scope
	running atomic.Bool
}

func (c *componentContext) Done() <-chan struct{} {
	if c.running.Load() {
		c.scope.settle()
	}
	return c.Context.Done()
}

// goSafe runs fn in a goroutine counted by Wait.
func (r *renderer) goSafe(fn func()) {
	r.mu.Lock()
	r.live++
	r.mu.Unlock()
	go func() {
		defer func() {
			recover() // fn recovers its own panics into errors; this is a last guard
			r.mu.Lock()
			r.live--
			r.cond.Broadcast()
			r.mu.Unlock()
		}()
		fn()
	}()
}

func (r *renderer) wait() {
	r.mu.Lock()
	for r.live > 0 && (r.ctx.Err() == nil || r.live > r.inFn) {
		r.cond.Wait()
	}
	if r.live > 0 && !r.ended {
		r.ended = true
		abandoned.Add(int64(r.inFn))
	}
	r.mu.Unlock()
	r.stop()
}

// PanicError is a panic recovered while rendering, with the stack of the
// goroutine that panicked.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.Value, e.Stack) }

// protect calls f, turning a panic into a *ComponentError naming what.
func protect(what func() string, f future) (n tree.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = nil, &ComponentError{Component: what(), Err: &PanicError{Value: p, Stack: debug.Stack()}}
		}
	}()
	return f()
}

// future is a node being resolved; calling it waits for the result. Each
// future is called exactly once.
type future func() (tree.Node, error)

func done(n tree.Node) future { return func() (tree.Node, error) { return n, nil } }

func failed(err error) future { return func() (tree.Node, error) { return nil, err } }

type result struct {
	n   tree.Node
	err error
}

func (r *renderer) startAll(ns []tree.Node, depth int, sc *scope) []future {
	fs := make([]future, len(ns))
	for i, n := range ns {
		fs[i] = r.start(n, depth, sc)
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
		if !tree.IsNil(n) {
			out = append(out, n)
		}
	}
	if first != nil {
		return nil, first
	}
	return out, nil
}

// start begins resolving n, a node of the content of scope sc (nil for
// the shell), and returns its future.
func (r *renderer) start(n tree.Node, depth int, sc *scope) future {
	if depth > maxDepth {
		return failed(fmt.Errorf("gorsc: component nesting is deeper than %d (does a component render itself?)", maxDepth))
	}
	if tree.IsNil(n) {
		return done(nil)
	}
	switch n := n.(type) {
	case tree.Text, tree.Number, tree.Attr, *tree.Attr, tree.Key:
		return done(n) // attributes and keys out of place are reported by the writers
	case *tree.Element:
		if n.Plain() || !hasWork(n.Children()) {
			return done(n)
		}
		kids := r.startAll(n.Children(), depth+1, sc)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			return n.WithChildren(resolved), nil
		}
	case tree.Group:
		if !hasWork(n) {
			return done(n)
		}
		kids := r.startAll(n, depth+1, sc)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			return tree.Group(resolved), nil
		}
	case *tree.Fragment:
		if n.Plain() || !hasWork(n.Children) {
			return done(n)
		}
		kids := r.startAll(n.Children, depth+1, sc)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			return &tree.Fragment{Key: n.Key, Children: resolved}, nil
		}
	case *tree.Suspense:
		return r.suspense(n, depth, sc)
	case *tree.ViewTransition:
		if !hasWork(n.Children) {
			return done(n)
		}
		kids := r.startAll(n.Children, depth+1, sc)
		return func() (tree.Node, error) {
			resolved, err := waitAll(kids)
			if err != nil {
				return nil, err
			}
			c := *n
			c.Children = resolved
			return &c, nil
		}
	case *tree.Boundary:
		return done(n)
	case *tree.ClientRef:
		return r.client(n, depth, sc)
	case *tree.Component:
		return r.component(n, depth, sc)
	}
	return failed(fmt.Errorf("gorsc: unknown node type %T", n))
}

// hasWork reports whether any node below ns needs resolving (a component,
// a Suspense boundary, or a client reference whose fallback or props
// might hold one). Plain markup is shared as it is, without copying.
func hasWork(ns []tree.Node) bool {
	for _, n := range ns {
		if tree.IsNil(n) {
			continue
		}
		switch n := n.(type) {
		case *tree.Element:
			if !n.Plain() && hasWork(n.Children()) {
				return true
			}
		case tree.Group:
			if hasWork(n) {
				return true
			}
		case *tree.Fragment:
			if !n.Plain() && hasWork(n.Children) {
				return true
			}
		case *tree.ViewTransition:
			if hasWork(n.Children) {
				return true
			}
		case *tree.Component, *tree.Suspense, *tree.ClientRef:
			return true
		}
	}
	return false
}

func (r *renderer) component(c *tree.Component, depth int, sc *scope) future {
	ch := make(chan result, 1)
	r.goSafe(func() {
		n, err := protect(func() string { return tree.Describe(c) }, func() (tree.Node, error) {
			n, err := r.call(c, sc)
			if err != nil {
				return nil, err
			}
			n, err = r.start(n, depth+1, sc)()
			if ce, ok := err.(*ComponentError); ok {
				ce.Stack = append(ce.Stack, tree.Describe(c))
			}
			if err != nil {
				return nil, err
			}
			if c.Key != nil && !tree.IsNil(n) {
				n = &tree.Fragment{Key: c.Key, Children: []tree.Node{n}}
			}
			return n, nil
		})
		ch <- result{n, err}
	})
	return func() (tree.Node, error) {
		select {
		case res := <-ch:
			return res.n, res.err
		case <-r.ctx.Done():
			select {
			case res := <-ch: // finished at the same moment: keep it
				return res.n, res.err
			default:
			}
			return nil, &ComponentError{Component: tree.Describe(c), Err: fmt.Errorf("the render ended before it finished: %w", context.Cause(r.ctx))}
		}
	}
}

// errLate is the result of a component whose function returned after its
// render ended; nobody reads it.
var errLate = fmt.Errorf("gorsc: component returned after its render ended")

// call runs one component function, within the concurrency bound, turning
// a panic into an error.
func (r *renderer) call(c *tree.Component, sc *scope) (n tree.Node, err error) {
	select {
	case r.sem <- struct{}{}:
	case <-r.ctx.Done():
		return nil, r.ctx.Err()
	}
	defer func() { <-r.sem }()
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	if c.Fn == nil {
		return nil, &ComponentError{Component: tree.Describe(c), Err: fmt.Errorf("the component has no function")}
	}
	var ctx context.Context = r.ctx
	var cc *componentContext
	if sc != nil {
		cc = &componentContext{Context: r.ctx, scope: sc}
		cc.running.Store(true)
		ctx = cc
	}
	r.mu.Lock()
	if r.ended {
		r.mu.Unlock()
		return nil, errLate
	}
	r.inFn++
	r.mu.Unlock()
	defer func() {
		p := recover()
		if cc != nil {
			cc.running.Store(false)
		}
		r.mu.Lock()
		r.inFn--
		late := r.ended
		if late {
			abandoned.Add(-1)
		}
		r.mu.Unlock()
		switch {
		case late:
			n, err = nil, errLate
		case p != nil:
			n, err = nil, &ComponentError{Component: tree.Describe(c), Err: &PanicError{Value: p, Stack: debug.Stack()}}
		}
	}()
	n, err = c.Fn(ctx)
	if err != nil {
		return nil, &ComponentError{Component: tree.Describe(c), Err: err}
	}
	return n, nil
}

// suspense starts the boundary's children in the background, in a scope
// of their own; the shell waits for the fallback, and later (settle) for
// the scope to settle.
func (r *renderer) suspense(s *tree.Suspense, depth int, parent *scope) future {
	fallback := r.start(s.Fallback, depth+1, parent)
	if !hasWork(s.Children) {
		// Plain markup: nothing to wait for.
		kids := make([]tree.Node, 0, len(s.Children))
		for _, k := range s.Children {
			if !tree.IsNil(k) {
				kids = append(kids, k)
			}
		}
		return func() (tree.Node, error) {
			fb, err := fallback()
			if err != nil {
				return nil, err
			}
			return &tree.Suspense{Key: s.Key, Fallback: fb, Children: kids}, nil
		}
	}
	b := &tree.Boundary{Key: s.Key, Done: make(chan struct{})}
	sc := newScope()
	r.mu.Lock()
	r.scopes[b] = sc
	r.mu.Unlock()
	kids := r.startAll(s.Children, depth+1, sc)
	r.goSafe(func() {
		var resolved []tree.Node
		_, err := protect(func() string { return "<Suspense>" }, func() (tree.Node, error) {
			var err error
			if resolved, err = waitAll(kids); err == nil {
				// The content's own boundaries settle before it is
				// written, as the shell's do.
				resolved, _ = r.settleAll(resolved)
			}
			return nil, err
		})
		b.Children, b.Err = resolved, err
		close(b.Done)
		sc.settle()
	})
	return func() (tree.Node, error) {
		fb, err := fallback()
		if err != nil {
			return nil, err
		}
		b.Fallback = fb
		return b, nil
	}
}

func (r *renderer) client(c *tree.ClientRef, depth int, sc *scope) future {
	fallback := r.start(c.Fallback, depth+1, sc)
	// Nodes passed as props (children, slots) may hold server components.
	props, _ := c.Props.(map[string]any)
	var keys []string
	var futs []future
	for k, v := range props {
		if pn, ok := v.(tree.Node); ok {
			keys = append(keys, k)
			futs = append(futs, r.start(pn, depth+1, sc))
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
			html, err := protect(func() string { return tree.Describe(c) }, func() (tree.Node, error) { return c.HTML(p), nil })
			if err != nil {
				return nil, err
			}
			if out.SSR, err = r.start(html, depth+1, sc)(); err != nil {
				return nil, err
			}
		}
		return r.withStylesheets(&out), nil
	}
}

// settle waits, for every boundary the resolved shell n shows, until its
// scope settles (or the render's context ends), and returns n with the
// boundaries whose content is then done replaced by *tree.Suspense nodes
// holding that content (itself settled). changed reports whether n was
// copied.
func (r *renderer) settle(n tree.Node) (out tree.Node, changed bool) {
	if tree.IsNil(n) {
		return n, false
	}
	switch n := n.(type) {
	case *tree.Boundary:
		r.mu.Lock()
		sc := r.scopes[n]
		r.mu.Unlock()
		if sc != nil {
			select {
			case <-sc.settled:
			case <-r.ctx.Done():
			}
		}
		fb, _ := r.settle(n.Fallback)
		if n.Ready() && n.Err == nil {
			kids, _ := r.settleAll(n.Children)
			return &tree.Suspense{Key: n.Key, Fallback: fb, Children: kids}, true
		}
		n.Fallback = fb
		return n, false
	case *tree.Suspense:
		fb, fc := r.settle(n.Fallback)
		kids, kc := r.settleAll(n.Children)
		if !fc && !kc {
			return n, false
		}
		return &tree.Suspense{Key: n.Key, Fallback: fb, Children: kids}, true
	case *tree.Element:
		if n.Plain() {
			return n, false // no boundary in it
		}
		kids, kc := r.settleAll(n.Children())
		if !kc {
			return n, false
		}
		return n.WithChildren(kids), true
	case tree.Group:
		kids, kc := r.settleAll(n)
		if !kc {
			return n, false
		}
		return tree.Group(kids), true
	case *tree.Fragment:
		if n.Plain() {
			return n, false
		}
		kids, kc := r.settleAll(n.Children)
		if !kc {
			return n, false
		}
		return &tree.Fragment{Key: n.Key, Children: kids}, true
	case *tree.ViewTransition:
		kids, kc := r.settleAll(n.Children)
		if !kc {
			return n, false
		}
		c := *n
		c.Children = kids
		return &c, true
	case *tree.ClientRef:
		fb, fc := r.settle(n.Fallback)
		ssr, sc := r.settle(n.SSR)
		props, _ := n.Props.(map[string]any)
		var newProps map[string]any
		for k, v := range props {
			pn, ok := v.(tree.Node)
			if !ok {
				continue
			}
			if s, c := r.settle(pn); c {
				if newProps == nil {
					newProps = make(map[string]any, len(props))
					for k, v := range props {
						newProps[k] = v
					}
				}
				newProps[k] = s
			}
		}
		if !fc && !sc && newProps == nil {
			return n, false
		}
		c := *n
		c.Fallback, c.SSR = fb, ssr
		if newProps != nil {
			c.Props = newProps
		}
		return &c, true
	}
	return n, false
}

func (r *renderer) settleAll(ns []tree.Node) ([]tree.Node, bool) {
	var out []tree.Node
	for i, n := range ns {
		s, c := r.settle(n)
		if c && out == nil {
			out = make([]tree.Node, len(ns))
			copy(out, ns[:i])
		}
		if out != nil {
			out[i] = s
		}
	}
	if out == nil {
		return ns, false
	}
	return out, true
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
