// Package gorsc builds React Server Components and Server Actions in Go.
//
// Server components are Go functions that return a tree of [Node]s built
// with the html package, text, and references to React client components
// ([Client]). gorsc writes that tree as React 19's Flight protocol and as
// server-rendered HTML that the real React client hydrates. Server actions
// ([Action]) are Go functions the browser calls through React's
// encodeReply format, or through plain HTML form posts when JavaScript is
// off. An [App] is an http.Handler that serves pages, actions and the
// browser bundle.
package gorsc

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// Node is one piece of a server component tree: an element, text, a
// fragment, a server or client component. A nil Node renders nothing.
type Node = tree.Node

// Text returns a text node. Text is escaped when written as HTML.
func Text(s string) Node { return tree.Text(s) }

// Key sets the React key of the element, fragment or client component it
// is passed to, as JSX's key={…} does. Keys tell React which items of a
// list are which when the list changes.
func Key(k string) Node { return tree.Key(k) }

// Fragment groups children without adding an element.
func Fragment(children ...Node) Node {
	return &tree.Fragment{Children: children}
}

// KeyedFragment is a fragment with a React key, for lists of groups.
func KeyedFragment(key string, children ...Node) Node {
	return &tree.Fragment{Key: &key, Children: children}
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
	return &tree.Fragment{Children: out}
}

// If returns n when cond is true and nil otherwise.
func If(cond bool, n Node) Node {
	if cond {
		return n
	}
	return nil
}

// Component makes a server component from a Go function. The function runs
// on the server during rendering with the request's context; an error
// stops the render (a 500 page, or an error for the action that asked for
// the render).
func Component(fn func(ctx context.Context) (Node, error)) Node {
	if fn == nil {
		panic("gorsc: Component called with a nil function")
	}
	return &tree.Component{Fn: fn, Name: funcName(fn)}
}

// Suspense shows fallback until children are ready. (Rendering is
// synchronous for now, so children are always ready in the first response.)
func Suspense(fallback Node, children ...Node) Node {
	return &tree.Suspense{Fallback: fallback, Children: children}
}

// ClientNode is a reference to a React client component with its props.
type ClientNode = tree.ClientRef

// Client references the client component exported from a "use client"
// module of the app: ref is "path/to/File.tsx#Export" relative to the app
// directory, or just the path for the default export. props is sent to the
// browser: a struct (json tags are honoured), a map with string keys, or
// nil. Props may hold server actions and nodes.
//
// The component is rendered in the browser; until then the first HTML
// shows the fallback set with [WithFallback], if any.
func Client(ref string, props any, opts ...ClientOption) *ClientNode {
	module, export, ok := strings.Cut(ref, "#")
	if !ok || export == "" {
		export = "default"
	}
	if module == "" {
		panic(fmt.Sprintf("gorsc: Client(%q): the reference needs a module path, like \"components/Counter.tsx#Counter\"", ref))
	}
	c := &tree.ClientRef{Module: module, Export: export, Props: props}
	for _, o := range opts {
		o(c)
	}
	return c
}

// ClientOption configures a client component reference.
type ClientOption func(*ClientNode)

// WithFallback sets the HTML shown in place of the client component until
// the browser has rendered it. Make it look like the component's first
// render to avoid a visible jump.
func WithFallback(n Node) ClientOption { return func(c *ClientNode) { c.Fallback = n } }

// WithKey sets the React key of a client component.
func WithKey(k string) ClientOption { return func(c *ClientNode) { c.Key = &k } }

func funcName(fn any) string {
	f := runtime.FuncForPC(reflect.ValueOf(fn).Pointer())
	if f == nil {
		return ""
	}
	return f.Name()
}
