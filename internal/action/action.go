// Package action holds server actions on the server side: the registry of
// Go functions (Def), references to them with bound arguments (Ref), their
// public ids and sealed bound arguments (Table), and calling them with
// decoded arguments. It knows nothing of HTTP: internal/server decodes a
// request, asks this package for the function and calls it.
package action

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/reply"
)

// Def is a registered server action: a Go function taking a
// context.Context and further arguments, returning nothing, an error, or
// a value and an error.
type Def struct {
	Name     string // the Go function's name; its public id derives from it
	fn       reflect.Value
	params   []reflect.Type // after the context
	results  int            // 0, 1 (error) or 2 (value, error)
	MustBind int            // leading arguments that only sealed bound values may fill

	id atomic.Pointer[sealedRef] // the public id under the table that last asked (Table.defID)
}

// Returns reports whether the action returns a value (besides its error).
func (d *Def) Returns() bool { return d.results == 2 }

var (
	registryMu sync.RWMutex
	registry   = map[string]*Def{}
)

var (
	ctxType   = reflect.TypeFor[context.Context]()
	errorType = reflect.TypeFor[error]()
)

// Register checks fn's shape and registers it under name, or under its Go
// function name when name is empty, returning the action's Def.
// Registering the same top-level function again with the same mustBind
// returns the first Def. It returns an error, phrased for the user, for
// any other shape, for two registrations under one explicit name, and for
// a second closure of one function literal (or method value of one
// method), whose Go name is the same although it captures other values.
func Register(fn any, mustBind int, name string) (*Def, error) {
	v := reflect.ValueOf(fn)
	if !v.IsValid() || v.Kind() != reflect.Func || v.IsNil() {
		return nil, fmt.Errorf("gorsc: Action needs a function, got %T", fn)
	}
	t := v.Type()
	explicit := name != ""
	if !explicit {
		name = FuncName(fn)
	}
	if t.NumIn() == 0 || t.In(0) != ctxType {
		return nil, fmt.Errorf("gorsc: action %s must take a context.Context as its first parameter", name)
	}
	if t.IsVariadic() {
		return nil, fmt.Errorf("gorsc: action %s cannot be variadic", name)
	}
	d := &Def{Name: name, fn: v, MustBind: mustBind}
	for i := 1; i < t.NumIn(); i++ {
		d.params = append(d.params, t.In(i))
	}
	if d.MustBind > len(d.params) {
		return nil, fmt.Errorf("gorsc: action %s takes %d arguments; MustBind(%d) asks for more", name, len(d.params), d.MustBind)
	}
	switch {
	case t.NumOut() == 0:
	case t.NumOut() == 1 && t.Out(0) == errorType:
		d.results = 1
	case t.NumOut() == 2 && t.Out(1) == errorType:
		d.results = 2
	default:
		return nil, fmt.Errorf("gorsc: action %s must return nothing, an error, or a value and an error", name)
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if old, ok := registry[name]; ok {
		switch {
		case explicit:
			return nil, fmt.Errorf("gorsc: two actions are named %q; give each registration its own name", name)
		case isClosure(name):
			return nil, fmt.Errorf("gorsc: action %s is registered a second time: closures of one function literal (or method values of one method) share a Go name, so they would share an id; give each its own name with gorsc.Named", name)
		case old.fn.Pointer() == v.Pointer() && old.MustBind == d.MustBind:
			return old, nil
		}
		return nil, fmt.Errorf("gorsc: two actions are named %s; declare each action once, at package level, or name them with gorsc.Named", name)
	}
	registry[name] = d
	return d, nil
}

// Lookup returns the action registered under name, or nil.
func Lookup(name string) *Def {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return registry[name]
}

func all() []*Def {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]*Def, 0, len(registry))
	for _, d := range registry {
		out = append(out, d)
	}
	return out
}

// Call converts args to the action's parameter types and calls it with
// ctx. The function is not called unless every argument converts; a
// conversion failure is a *BadArgsError.
//
// A panic in the action is recovered into a *PanicError.
func (d *Def) Call(ctx context.Context, args []any) (result any, err error) {
	defer func() {
		if e := recover(); e != nil {
			result, err = nil, &PanicError{Action: d.Name, Value: e, Stack: debug.Stack()}
		}
	}()
	in := make([]reflect.Value, 0, 1+len(d.params))
	in = append(in, reflect.ValueOf(ctx))
	for i, t := range d.params {
		var v any
		if i < len(args) {
			v = args[i]
		}
		rv, err := reply.ConvertArg(v, t, i+1)
		if err != nil {
			return nil, &BadArgsError{err}
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

// PanicError is an action that panicked: the value and the stack, for the
// log (the browser gets a digest only).
type PanicError struct {
	Action string
	Value  any
	Stack  []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("gorsc: action %s panicked: %v\n%s", e.Action, e.Value, e.Stack)
}

// BadArgsError marks arguments that do not fit the action's parameters:
// the client's fault, answered with 400.
type BadArgsError struct{ Err error }

func (e *BadArgsError) Error() string { return e.Err.Error() }
func (e *BadArgsError) Unwrap() error { return e.Err }

// IsBadArgs reports whether err is the client's fault: arguments that do
// not decode or do not fit.
func IsBadArgs(err error) bool {
	var b *BadArgsError
	var r *reply.Error
	return errors.As(err, &b) || errors.As(err, &r)
}

// Ref is a reference to an action with values bound in front of the
// browser's arguments (see gorsc's ServerAction.Bind). It is immutable.
type Ref struct {
	Def   *Def
	Bound []any

	// sealed memoizes the public reference of a bound action per Table:
	// the Flight and HTML writers both ask for it.
	sealed atomic.Pointer[sealedRef]
}

// sealedRef is a reference id (or an action id) made by table t.
type sealedRef struct {
	t   *Table
	ref string
}

// Bind returns a new Ref with args bound after r's bound values. It
// returns an error when more values are bound than the action takes.
func (r *Ref) Bind(args []any) (*Ref, error) {
	n := len(r.Bound) + len(args)
	if n > len(r.Def.params) {
		return nil, fmt.Errorf("gorsc: action %s takes %d arguments; %d bound", r.Def.Name, len(r.Def.params), n)
	}
	var nr *Ref
	if n <= 2 {
		// The usual one or two bound values (an id, a slug) live in the
		// same allocation as the Ref: a page binds one per row of a list.
		x := new(struct {
			ref  Ref
			vals [2]any
		})
		nr = &x.ref
		nr.Bound = x.vals[:0:n]
	} else {
		nr = &Ref{Bound: make([]any, 0, n)}
	}
	nr.Def = r.Def
	nr.Bound = append(append(nr.Bound, r.Bound...), args...)
	return nr, nil
}

// closureName matches the Go names of function literals ("pkg.f.func1",
// "pkg.init.func2.1") and method values ("pkg.(*T).M-fm").
var closureName = regexp.MustCompile(`\.func\d+(\.\d+)*$|-fm$`)

func isClosure(name string) bool { return closureName.MatchString(name) }

// FuncName is the Go name of a function value ("pkg.fn", "pkg.fn.func1").
func FuncName(fn any) string {
	f := runtime.FuncForPC(reflect.ValueOf(fn).Pointer())
	if f == nil {
		return ""
	}
	return f.Name()
}
