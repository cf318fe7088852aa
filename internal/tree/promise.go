package tree

import (
	"context"
	"fmt"
	"runtime/debug"
)

// Promise is a value that is computed in the background and sent to the
// browser when it is ready: React's way of streaming data into a client
// component, which reads it with use(). Passed as a prop (or anywhere
// inside one), it is written as a reference ("$@<id>") in the row that
// holds the prop, and its value follows in a row of its own, later in the
// same response, once it resolves; a rejected promise becomes an error row
// carrying only a digest, as a failed Suspense boundary does. A client
// component that reads a pending promise suspends until that row arrives.
//
// The same *Promise passed twice is sent once, and React's client sees the
// same promise object in both places.
type Promise struct {
	done  chan struct{}
	value any
	err   error
}

// NewPromise starts fn in a goroutine with ctx and returns its promise:
// fn's work starts at once, in parallel with the rest of the render, as a
// JavaScript promise's does. A panic in fn rejects the promise with an
// error holding the panic value and stack. Pass a context that ends with
// the request (a server component's ctx), so that fn stops when the client
// goes away.
func NewPromise(ctx context.Context, fn func(context.Context) (any, error)) *Promise {
	p := &Promise{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer func() {
			if r := recover(); r != nil {
				p.value, p.err = nil, &PanicError{Value: r, Stack: debug.Stack()}
			}
		}()
		p.value, p.err = fn(ctx)
		// A promise resolved with a promise takes its value, as in
		// JavaScript.
		for p.err == nil {
			q, ok := p.value.(*Promise)
			if !ok || q == nil {
				break
			}
			p.value, p.err = q.Result()
		}
	}()
	return p
}

// Resolved returns a promise already resolved with v; when v is itself a
// *Promise, that promise.
func Resolved(v any) *Promise {
	if q, ok := v.(*Promise); ok && q != nil {
		return q
	}
	p := &Promise{done: make(chan struct{}), value: v}
	close(p.done)
	return p
}

// Rejected returns a promise already rejected with err.
func Rejected(err error) *Promise {
	if err == nil {
		err = fmt.Errorf("gorsc: promise rejected with a nil error")
	}
	p := &Promise{done: make(chan struct{}), err: err}
	close(p.done)
	return p
}

// Done is closed when the promise has settled.
func (p *Promise) Done() <-chan struct{} { return p.done }

// Settled reports whether the promise has settled, without waiting.
func (p *Promise) Settled() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Result waits for the promise to settle and returns its value or the
// error it was rejected with.
func (p *Promise) Result() (any, error) {
	<-p.done
	return p.value, p.err
}

// PanicError is the error of a promise whose function panicked.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("gorsc: promise function panicked: %v\n%s", e.Value, e.Stack)
}
