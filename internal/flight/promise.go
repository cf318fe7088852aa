package flight

import (
	"fmt"
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// PendingPromise is a promise written as a "$@<id>" reference whose row is
// still to be written: once the promise has settled, EncodePromise
// returns that row.
type PendingPromise struct {
	ID      int
	Promise *tree.Promise

	component tree.Node // where it was found, for errors in its value
	path      []string
}

// Where describes where the promise was found ("prop \"data\" of client
// component components/Chart.tsx#Chart"), for logs.
func (p PendingPromise) Where() string {
	w := ""
	if len(p.path) > 0 {
		w = fmt.Sprintf("prop %q", strings.Join(p.path, "."))
	}
	if p.component != nil {
		if w != "" {
			w += " of "
		}
		w += tree.Describe(p.component)
	}
	return w
}

// promise writes a reference to p and queues its row. The same promise
// is written once: React's client sees one promise object wherever it is
// referenced.
func (e *Encoder) promise(b []byte, p *tree.Promise) ([]byte, error) {
	if p == nil {
		return append(b, "null"...), nil
	}
	if e.plain {
		return nil, &BoundaryError{Path: e.pathString(), Type: "*gorsc.Promise", Reason: "cannot be a bound argument of a form action: only plain data can be"}
	}
	if id, ok := e.promised[p]; ok {
		return appendRef(b, "$@", id), nil
	}
	id := e.alloc()
	if e.promised == nil {
		e.promised = map[*tree.Promise]int{}
	}
	e.promised[p] = id
	e.promises = append(e.promises, PendingPromise{
		ID: id, Promise: p,
		component: e.component, path: e.propPath(),
	})
	return appendRef(b, "$@", id), nil
}

// TakePromises returns the promises written as "$@" references since the
// last call, in the order of their ids. Every one must be written with
// EncodePromise before the response ends: React's client rejects a
// reference whose row never comes with "Connection closed".
func (e *Encoder) TakePromises() []PendingPromise {
	p := e.promises
	e.promises = nil
	return p
}

// EncodePromise returns the rows of a settled promise: its value as row
// p.ID, with the import and model rows it needs first, or, if it was
// rejected, an error row carrying only digest (and, in development, the
// message), as React writes a rejected promise. It waits for the promise
// if it has not settled. The value may hold further promises and
// boundaries: call TakePromises and TakeLazies after it.
//
// An error means the value cannot be sent (a channel, a function); the
// caller writes ErrorRow(p.ID, digest, dev, err) instead, as for a
// boundary whose content cannot be written.
func (e *Encoder) EncodePromise(p PendingPromise, digest string, dev bool) ([]byte, error) {
	v, err := p.Promise.Result()
	if err != nil {
		return ErrorRow(p.ID, digest, dev, err), nil
	}
	st := e.beginTaskRow(p.ID)
	savedC, savedP, savedB := e.component, e.path, e.pathBase
	e.component, e.path, e.pathBase = p.component, p.path, 0
	row, err := e.value(nil, v)
	e.component, e.path, e.pathBase = savedC, savedP, savedB
	e.endRow(st)
	if err != nil {
		return nil, err
	}
	return e.flush(nil, p.ID, row)
}
