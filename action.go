package gorsc

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/reply"
)

// FormData holds the fields of a submitted form, in order. An action that
// takes a *FormData receives the form it was called from.
type FormData = reply.FormData

// File is an uploaded file in a FormData.
type File = reply.File

// ServerAction is a Go function that the browser can call: pass it to a
// form's action (html.Action), a button's formAction (html.FormAction),
// or as a prop of a client component, where it arrives as an async
// function. Create one with [Action].
type ServerAction struct {
	def   *actionDef
	bound []any

	// ref memoizes the sealed public reference of a bound action: the
	// Flight and HTML writers both ask for it.
	ref atomic.Pointer[sealedRef]
}

type sealedRef struct {
	app *App
	ref string
}

type actionDef struct {
	name     string
	fn       reflect.Value
	params   []reflect.Type // after the context
	results  int            // 0, 1 (error) or 2 (value, error)
	mustBind int            // leading arguments that only sealed bound values may fill
}

// ActionOption configures an action when it is created; see [MustBind].
type ActionOption struct {
	mustBind int
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
func MustBind(n int) ActionOption { return ActionOption{mustBind: n} }

var (
	registryMu sync.RWMutex
	registry   = map[string]*actionDef{}
)

var (
	ctxType   = reflect.TypeFor[context.Context]()
	errorType = reflect.TypeFor[error]()
)

// Action registers fn as a server action. fn must take a context.Context
// first and may take further arguments of any type that JSON-like data can
// be converted to (strings, numbers, bools, slices, maps, structs with json
// tags, time.Time, *big.Int, *FormData, …); it may return nothing, an
// error, or a value and an error:
//
//	var AddTodo = gorsc.Action(addTodo)
//	func addTodo(ctx context.Context, form *gorsc.FormData) error { … }
//
// Call Action once per function, at package level. The action's public id
// is derived from the function's name and the app secret, so it is the
// same on every instance that shares the secret and says nothing about the
// function to the browser. Action panics if fn has another shape.
//
// An action returning [ValidationErrors] reports field errors to the form
// it was called from; [Redirect], [NotFound] and [Unauthorized] errors
// send the browser elsewhere, with and without JavaScript.
func Action(fn any, opts ...ActionOption) *ServerAction {
	v := reflect.ValueOf(fn)
	t := v.Type()
	if t.Kind() != reflect.Func || v.IsNil() {
		panic(fmt.Sprintf("gorsc: Action needs a function, got %T", fn))
	}
	name := funcName(fn)
	if t.NumIn() == 0 || t.In(0) != ctxType {
		panic(fmt.Sprintf("gorsc: action %s must take a context.Context as its first parameter", name))
	}
	if t.IsVariadic() {
		panic(fmt.Sprintf("gorsc: action %s cannot be variadic", name))
	}
	def := &actionDef{name: name, fn: v}
	for i := 1; i < t.NumIn(); i++ {
		def.params = append(def.params, t.In(i))
	}
	for _, o := range opts {
		def.mustBind = max(def.mustBind, o.mustBind)
	}
	if def.mustBind > len(def.params) {
		panic(fmt.Sprintf("gorsc: action %s takes %d arguments; MustBind(%d) asks for more", name, len(def.params), def.mustBind))
	}
	switch {
	case t.NumOut() == 0:
	case t.NumOut() == 1 && t.Out(0) == errorType:
		def.results = 1
	case t.NumOut() == 2 && t.Out(1) == errorType:
		def.results = 2
	default:
		panic(fmt.Sprintf("gorsc: action %s must return nothing, an error, or a value and an error", name))
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if old, ok := registry[name]; ok {
		if old.fn.Pointer() == v.Pointer() && old.mustBind == def.mustBind {
			return &ServerAction{def: old}
		}
		panic(fmt.Sprintf("gorsc: two actions are named %s; declare each action once, at package level", name))
	}
	registry[name] = def
	return &ServerAction{def: def}
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
// parameter types as any argument does.
//
// Unless the action was created with [MustBind], it can also be called by
// its plain id with every argument chosen by the browser; use MustBind
// when a bound value decides what the action may touch.
func (a *ServerAction) Bind(args ...any) *ServerAction {
	bound := make([]any, 0, len(a.bound)+len(args))
	bound = append(append(bound, a.bound...), args...)
	if len(bound) > len(a.def.params) {
		panic(fmt.Sprintf("gorsc: action %s takes %d arguments; %d bound", a.def.name, len(a.def.params), len(bound)))
	}
	return &ServerAction{def: a.def, bound: bound}
}

// ActionName is the action's registered name (its Go function name).
func (a *ServerAction) ActionName() string { return a.def.name }

// BoundArgs returns nil: it is how the Flight and HTML writers ask for
// readable bound arguments, and gorsc never sends any. The values bound
// with Bind travel sealed inside the reference's id instead (see seal.go).
func (a *ServerAction) BoundArgs() []any { return nil }

func lookupAction(name string) *actionDef {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return registry[name]
}

func allActions() []*actionDef {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]*actionDef, 0, len(registry))
	for _, d := range registry {
		out = append(out, d)
	}
	return out
}

// call converts args to the action's parameter types and calls it. The
// function is not called unless every argument converts.
func (d *actionDef) call(ctx context.Context, args []any) (any, error) {
	in := make([]reflect.Value, 0, 1+len(d.params))
	in = append(in, reflect.ValueOf(ctx))
	for i, t := range d.params {
		var v any
		if i < len(args) {
			v = args[i]
		}
		rv, err := reply.Convert(v, t, fmt.Sprintf("%d", i+1))
		if err != nil {
			return nil, &badArgsError{err}
		}
		in = append(in, rv)
	}
	out := d.fn.Call(in)
	switch d.results {
	case 1:
		if err, _ := out[0].Interface().(error); err != nil {
			return nil, err
		}
	case 2:
		if err, _ := out[1].Interface().(error); err != nil {
			return nil, err
		}
		return out[0].Interface(), nil
	}
	return nil, nil
}

// badArgsError marks arguments that do not fit the action's parameters:
// the client's fault, answered with 400.
type badArgsError struct{ err error }

func (e *badArgsError) Error() string { return e.err.Error() }
func (e *badArgsError) Unwrap() error { return e.err }

func isBadArgs(err error) bool {
	var b *badArgsError
	var r *reply.Error
	return errors.As(err, &b) || errors.As(err, &r)
}
