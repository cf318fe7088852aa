package gorsc

import (
	"context"
	"fmt"
	"strings"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/runtime"
	"github.com/gorsc/gorsc/internal/tree"
)

// Node is one piece of a server component tree: an element (package
// html), text, a fragment, a server component, a client component, a
// Suspense boundary — or an attribute or key, which configure the element
// they are passed to. A nil Node renders nothing.
type Node = tree.Node

// Text returns a text node. Text is escaped when written as HTML.
func Text(s string) Node { return tree.NewText(s) }

// Key sets the React key of the element, fragment or client component it
// is passed to, as JSX's key={…} does. Keys tell React which items of a
// list are which when the list changes. It is the one way to set a key:
//
//	html.Li(gorsc.Key("7"), html.Text("Milk"))
//	gorsc.Fragment(gorsc.Key("7"), html.Dt(…), html.Dd(…))
//	gorsc.Client("components/Row.tsx#Row", props, gorsc.Key("7"))
func Key(k string) Node { return tree.NewKey(k) }

// Fragment groups children without adding an element (React's <>…</>).
// A [Key] among the nodes keys the fragment, for lists of groups.
func Fragment(nodes ...Node) Node {
	var key *string
	var kids []Node
	for _, n := range nodes {
		if k, ok := n.(tree.Key); ok {
			s := string(k)
			key = &s
			continue
		}
		kids = append(kids, n)
	}
	return tree.NewFragment(key, kids)
}

// Group splices several nodes (children, attributes or both) into the
// element it is passed to. Helpers use it to return more than one node.
func Group(nodes ...Node) Node { return tree.Group(nodes) }

// Map returns a fragment with one node per item, in order.
func Map[T any](items []T, fn func(T) Node) Node {
	out := make([]Node, 0, len(items))
	for _, it := range items {
		out = append(out, fn(it))
	}
	return tree.NewFragment(nil, out)
}

// If returns n when cond is true and nil otherwise.
func If(cond bool, n Node) Node {
	if cond {
		return n
	}
	return nil
}

// Component makes a server component from a Go function. The function runs
// on the server during rendering with the request's context, in a
// goroutine of its own, so sibling components that wait on I/O wait in
// parallel. An error fails the render (a 500 page, the nearest
// Segment.Error or [ErrorBoundary], or an error for the action that asked
// for the render); [Redirect] and [NotFound] answer so.
func Component(fn func(ctx context.Context) (Node, error)) Node {
	if fn == nil {
		panic("gorsc: Component called with a nil function")
	}
	return &tree.Component{Fn: fn, Name: action.FuncName(fn)}
}

// Suspense shows fallback until children are ready, as React's
// <Suspense> does: the document's shell goes out with the fallback, and
// the children follow in the same response when their server components
// finish, out of order, as react-dom/server streams them.
//
// A [Key] among children keys the boundary. Components that wait should
// wait through their ctx (a query, a timer, a channel with ctx.Done()):
// content that waits on nothing is written inline, in the shell.
func Suspense(fallback Node, children ...Node) Node {
	return tree.NewSuspense(fallback, children...)
}

// ViewTransition is React's <ViewTransition>: the browser animates its
// children (with the View Transitions API) when they appear, disappear,
// update, or move between places with the same name. name may be "" (React
// then names it from its position in the tree, as useId does). A [Key]
// among children keys it. Its class props (enter, exit, update, share) are
// React's defaults here.
func ViewTransition(name string, children ...Node) Node {
	vt := &tree.ViewTransition{Name: name}
	for _, c := range children {
		if k, ok := c.(tree.Key); ok {
			s := string(k)
			vt.Key = &s
			continue
		}
		vt.Children = append(vt.Children, c)
	}
	return vt
}

// Client references the client component exported from a "use client"
// module of the app: ref is "path/to/File.tsx#Export" relative to the app
// directory, or just the path for the default export. props is sent to the
// browser: a struct (json tags are honoured), a map with string keys, or
// nil. Props may hold server actions, nodes (server-rendered children)
// and Go values of the types listed in ACTIONS.md.
//
// The first HTML of the page holds the component's markup, rendered on
// the server from the same TSX (App.SSR), and the browser hydrates it.
//
// opts configure the reference: [Key], [Fallback] and [ClientOnly].
// Client panics, at the caller's line, for a ref without a module path or
// another kind of option.
func Client(ref string, props any, opts ...Node) Node {
	module, export, ok := strings.Cut(ref, "#")
	if !ok || export == "" {
		export = "default"
	}
	if module == "" {
		panic(fmt.Sprintf("gorsc: Client(%q): the reference needs a module path, like \"components/Counter.tsx#Counter\"", ref))
	}
	c := &tree.ClientRef{Module: module, Export: export, Props: props}
	for _, o := range opts {
		switch o := o.(type) {
		case nil:
		case tree.Key:
			k := string(o)
			c.Key = &k
		case tree.Fallback:
			c.Fallback = o.Node
		case tree.ClientOnlyOption:
			c.ClientOnly = true
		default:
			panic(fmt.Sprintf("gorsc: Client(%q): %s is not an option of a client component (pass gorsc.Key, gorsc.Fallback or gorsc.ClientOnly; props go in the props argument)", ref, tree.Describe(o)))
		}
	}
	return c
}

// Fallback is an option of [Client]: the HTML shown in place of the
// client component until the browser has rendered it, when it is not
// rendered on the server ([ClientOnly], App.SSR.Disabled, or its server
// render failed). Make it look like the component's first render to avoid
// a visible jump.
func Fallback(n Node) Node { return tree.Fallback{Node: n} }

// ClientOnly is an option of [Client]: the component is never rendered on
// the server, for components that truly cannot be (they measure the
// window during render, or their libraries touch browser APIs when
// imported). The first HTML holds its [Fallback]; the browser renders it.
func ClientOnly() Node { return tree.ClientOnlyOption{} }

// Link is an <a> that navigates inside the app without reloading the
// document (Next.js's <Link>): the browser fetches the target page's
// Flight payload, React renders it, and the layouts keep their client
// state. Modified clicks (new tab, download) and links to other sites
// behave as plain links, and with JavaScript off it is a plain link.
//
// Pass attributes (html.Class, html.ID, [Prefetch], …), a [Key] and
// children:
//
//	gorsc.Link("/todos", html.Class("nav"), html.Text("Todos"))
func Link(href string, nodes ...Node) Node { return runtime.Link(href, nodes...) }

// PrefetchMode says when a [Link] fetches its page ahead of a click.
type PrefetchMode string

const (
	// PrefetchHover fetches when the pointer or keyboard focus reaches
	// the link (the default).
	PrefetchHover PrefetchMode = "hover"
	// PrefetchViewport fetches as soon as the link is visible.
	PrefetchViewport PrefetchMode = "viewport"
	// PrefetchNone never fetches ahead.
	PrefetchNone PrefetchMode = "none"
)

// Prefetch sets when a [Link] fetches its page ahead of a click. A
// prefetched page is used for one navigation within 30 seconds; an
// action that revalidates it (RevalidatePath at or above its path, or any
// RevalidateTag or UpdateTag) drops it.
func Prefetch(m PrefetchMode) Node { return tree.Attr{Name: "prefetch", Value: string(m)} }

// ErrorBoundary shows fallback in place of children when rendering them
// fails, in the browser or on the server (an error in a Suspense boundary
// below it), like a React error boundary. The error UI carries the
// error's digest in a data-digest attribute; the details are in the
// server log under the same digest.
func ErrorBoundary(fallback Node, children ...Node) Node {
	return runtime.ErrorBoundary(fallback, "", children...)
}
