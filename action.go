package gorsc

import (
	"fmt"

	"github.com/gorsc/gorsc/internal/action"
)

// ServerAction is a Go function that the browser can call (React's
// server function, "use server" in Next.js): pass it to a form's action
// (html.Action), a button's formAction (html.FormAction), or as a prop of
// a client component, where it arrives as an async function. Create one
// with [Action]; bind arguments with [ServerAction.Bind].
type ServerAction struct {
	ref *action.Ref
}

// ActionOption configures an action when it is created; see [MustBind].
type ActionOption func(*actionOptions)

type actionOptions struct {
	mustBind int
	name     string
}

// Named registers the action under name instead of its Go function name.
// The public id derives from it, so it must be unique and stable across
// deploys. Use it for actions made by a constructor, which capture their
// dependencies instead of reading package-level globals:
//
//	func (s *Store) Actions() (add *gorsc.ServerAction) {
//		return gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
//			return s.Add(ctx, form.Get("title"))
//		}, gorsc.Named("store.add"))
//	}
//
// Without Named, a second closure of the same function literal would
// share the first one's id; Action panics instead.
func Named(name string) ActionOption {
	return func(o *actionOptions) { o.name = name }
}

// MustBind declares that the first n arguments of an action come only from
// [ServerAction.Bind]: the action can then be called only through a bound
// reference that carries at least n sealed values, and a call by the
// action's plain id, where the browser would choose every argument, is
// refused with 400. Use it when a bound value decides what the action may
// touch:
//
//	var DeleteTodo = gorsc.Action(deleteTodo, gorsc.MustBind(1))
//	func deleteTodo(ctx context.Context, id int, form *gorsc.FormData) error { … }
//	… html.Form(html.Action(DeleteTodo.Bind(t.ID)), …)
func MustBind(n int) ActionOption {
	return func(o *actionOptions) { o.mustBind = max(o.mustBind, n) }
}

// Action registers fn as a server action. fn must take a context.Context
// first and may take further arguments of any type that JSON-like data can
// be converted to (strings, numbers, bools, slices, maps, structs with json
// tags, time.Time, *big.Int, *FormData, …); it may return nothing, an
// error, or a value and an error:
//
//	var AddTodo = gorsc.Action(addTodo)
//	func addTodo(ctx context.Context, form *gorsc.FormData) error { … }
//
// Call Action once per function, at package level, or give actions made
// at run time (closures over a database handle) a name with [Named]. The
// action's public id is derived from the function's name and the app
// secret, so it is the same on every instance that shares the secret and
// says nothing about the function to the browser. Action panics, at the
// caller's line, if fn has another shape or its name is taken.
//
// An action returning [ValidationErrors] reports field errors to the form
// it was called from; [Redirect], [NotFound] and [Unauthorized] errors
// send the browser elsewhere, with and without JavaScript. The context is
// the request's: it is cancelled when the client goes away, and
// [RequestFrom] returns the request.
func Action(fn any, opts ...ActionOption) *ServerAction {
	var o actionOptions
	for _, opt := range opts {
		opt(&o)
	}
	d, err := action.Register(fn, o.mustBind, o.name)
	if err != nil {
		panic(err.Error())
	}
	return &ServerAction{ref: &action.Ref{Def: d}}
}

// Bind returns the action with args bound in front of the arguments the
// browser passes, like JavaScript's fn.bind(null, ...args). The bound
// values travel through the page sealed with AES-GCM under a key derived
// from the app secret: the browser can neither read nor change them, and
// they cannot be replayed to another action. A call whose seal does not
// verify is refused with 400.
//
// The values must be plain data (strings, numbers, bools, slices, maps,
// structs, time.Time, *big.Int); they come back converted to the action's
// parameter types as any argument does. Bind panics when more values are
// bound than the action takes.
//
// Unless the action was created with [MustBind], it can also be called by
// its plain id with every argument chosen by the browser; use MustBind
// when a bound value decides what the action may touch.
func (a *ServerAction) Bind(args ...any) *ServerAction {
	r, err := a.ref.Bind(args)
	if err != nil {
		panic(err.Error())
	}
	return &ServerAction{ref: r}
}

// ActionName is the action's registered name: its Go function's name
// ("example.com/app.addTodo").
func (a *ServerAction) ActionName() string { return a.ref.Def.Name }

// BoundArgs returns nil: the values bound with Bind never reach the
// browser readable. (The writers ask for readable bound arguments through
// it; gorsc sends them sealed inside the reference's id instead.)
func (a *ServerAction) BoundArgs() []any { return nil }

// String describes the action for logs: its name and how many values are
// bound.
func (a *ServerAction) String() string {
	if len(a.ref.Bound) == 0 {
		return "action " + a.ref.Def.Name
	}
	return fmt.Sprintf("action %s (%d bound)", a.ref.Def.Name, len(a.ref.Bound))
}
