// Package flight writes React 19 Flight rows (the production row shapes of
// react-server-dom-webpack 19.3) for a rendered server component tree and
// for the Go values it carries.
//
// The input tree holds only host elements, text, fragments, Suspense
// boundaries and client references: server components have already been run
// by internal/render. See doc/wire.md §1–§3.1.
//
// # Values
//
// Props (and action results) are written as React's Flight server writes
// the JavaScript value in the right column; the writer corpus
// (internal/testdata/writers) checks each against React 19.3.
//
//	Go                                      JavaScript
//	string, bool, integers, floats          string (≥1024 UTF-16 units: a text row), boolean, number
//	                                        (NaN, ±Inf, -0 tagged; integers beyond 2^53 as BigInt)
//	*big.Int, time.Time                     BigInt, Date
//	struct (json tags), map, slice, Object  object, array
//	Map, Set                                Map, Set
//	[]byte, ArrayBuffer, Int8Array…         Uint8Array, ArrayBuffer, Int8Array… DataView
//	Undefined, Null, nil                    undefined, null, null (a nil host attribute is left out)
//	*tree.Promise                           a Promise whose value streams later ($@)
//	TemporaryReference                      the caller's own value ($T)
//	tree.ActionRef                          a server function ($h), bound arguments as a promise
//	tree.Node                               a React element (a client component: "$L")
//	json.Marshaler, encoding.TextMarshaler  what they marshal to
//
// The same map, slice, or pointed-to struct met twice is written once and
// then referenced by path, so the client sees one object; a value that
// contains itself is sent the same way (dedupe.go).
//
// Not expressible yet: global symbols other than React's, Error values
// ($Z), Blob ($B), FormData ($K) and iterators ($i) as props, ReadableStream
// and async iterables sent to the client ($R, $X), client references as
// plain values (a component passed as a prop, "$<id>"), and the dev-only
// debug rows.
package flight

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/gorsc/gorsc/internal/jsonx"
	"github.com/gorsc/gorsc/internal/jsval"
	"github.com/gorsc/gorsc/internal/tree"
)

// ClientMeta is what the browser needs to load a client component: the
// module id passed to __webpack_require__, the flat [chunkId, file, …]
// list for __webpack_chunk_load__, and the export name.
type ClientMeta struct {
	ID     string
	Chunks []string
	Name   string
	// Async marks a module that __webpack_require__ loads asynchronously
	// (it returns a promise): its import row ends with the flag 1, as
	// React writes it for a manifest entry with async: true.
	Async bool
}

// Resolver supplies what the encoder cannot know by itself: where client
// modules live in the browser bundle and the public ids of server actions.
type Resolver interface {
	ClientModule(module, export string) (ClientMeta, error)
	ActionID(a tree.ActionRef) (string, error)
}

// Field is one entry of an Object.
type Field struct {
	Key   string
	Value any
}

// Object is a JSON object whose keys keep their order on the wire.
type Object []Field

// Undefined encodes as JavaScript's undefined ("$undefined").
type Undefined struct{}

// BoundaryError reports a value that cannot be sent to the browser, with
// the path of the offending prop.
type BoundaryError struct {
	Component string // "client component components/Counter.tsx#Counter", "<form>"
	Path      string // "user.Created"
	Type      string // "chan int"
	Reason    string // "cannot be sent to the client"
}

func (e *BoundaryError) Error() string {
	where := ""
	if e.Component != "" {
		where = " of " + e.Component
	}
	if e.Path == "" {
		return fmt.Sprintf("gorsc: value (%s)%s %s", e.Type, where, e.Reason)
	}
	return fmt.Sprintf("gorsc: prop %q (%s)%s %s", e.Path, e.Type, where, e.Reason)
}

// Encode returns the Flight rows for root: import rows first, then
// outlined models, then row 0 holding root.
func Encode(root any, r Resolver) ([]byte, error) {
	e := NewEncoder(r)
	defer e.Release()
	return e.Encode(root)
}

// NewEncoder returns an Encoder for one response.
func NewEncoder(r Resolver) *Encoder { return NewEncoderWith(r, Options{}) }

// Encoder writes one Flight response. It is not safe for concurrent use.
type Encoder struct {
	r       Resolver
	nextID  int
	imports []byte // I rows and symbol rows
	models  []byte // outlined model rows
	// deferred are rows React writes after the row being written: the
	// values of "$@" promises it creates itself (bound arguments), which
	// it renders as separate tasks once the current row is done.
	deferred []deferredRow
	symbols  map[string]int
	clients  map[clientKey]int
	actions  map[string]int // unbound server references by action id

	lazies   []Lazy           // boundaries written as "$L" references, rows pending
	promises []PendingPromise // promises written as "$@" references, rows pending
	promised map[*tree.Promise]int

	// Objects written by reference (dedupe.go).
	rowID      int
	jp         []pathSeg
	jpBuf      [24]pathSeg // jp's first backing array
	base       int         // where the current row's path starts in jp
	jbroken    int
	taskRoot   bool // the row holds a promise's value (dedupe.go)
	objects    map[objKey]recordedPath
	paths      []pathNode // the steps of the recorded paths (record)
	noRecordAt int        // depth of jp at which values are not remembered (a client component's props object), or -1
	importStrs map[string]string
	importSize int

	hints    []byte          // :H rows, written after the import rows
	hintKeys map[string]bool // hints written, by React's dedupe key
	fmtCtx   int             // format context of the element being written (hints.go)

	dev   bool // development row shapes (Options.Dev)
	plain bool // EncodePlain: one JSON value, no rows of its own

	component tree.Node // the element or client component whose props are being written (described only on error)
	// path is a stack of prop names whose top part, path[pathBase:], is
	// the prop path inside component (described only on error). It is
	// kept between components, so that descending into props appends to
	// one array instead of allocating one per component.
	path     []string
	pathBase int
	entered  []uintptr        // the maps, slices and pointers being written (enterPointer)
	seen     map[uintptr]bool // entered beyond the first enteredLinear

	names *[64]quotedName  // tags and prop names as written (name), kept by reset
	attrs *[64]quotedName  // short attribute values as written (stringProp), kept by reset
	heads *[64]elementHead // starts of unkeyed simple elements as written (simpleElement), kept by reset
}

// elementHead is how an unkeyed simple element with a tag and up to two
// attributes starts (`["$","span",null,{"className":"id"`), kept by the
// address of its tag's bytes and its attributes' addresses: attributes
// are immutable (an Attr node's box, StrAttr's shared one), and a kept
// one stays alive, so the same addresses are the same element head.
type elementHead struct {
	tag    *byte
	tagLen int
	attrs  [headAttrs]*tree.Attr // nil past the element's own
	props  bool                  // at least one was written (one with a nil value is not)
	text   []byte
}

// headAttrs is the most attributes of an element kept in Encoder.heads.
const headAttrs = 2

// maxQuoted is the longest string whose written form Encoder.names and
// Encoder.attrs keep.
const maxQuoted = 32

// Encode writes root as row 0 and returns the whole response.
func (e *Encoder) Encode(root any) ([]byte, error) { return e.AppendEncode(nil, root) }

// AppendEncode is Encode appending the response to dst (which may be
// nil): a caller that writes the rows out and reuses dst (internal/bufpool)
// allocates nothing for them.
func (e *Encoder) AppendEncode(dst []byte, root any) ([]byte, error) {
	e.nextID = 1
	sp := scratch.Get().(*[]byte)
	st := e.beginRow(0, true)
	row, err := e.value((*sp)[:0], root)
	e.endRow(st)
	if err != nil {
		scratch.Put(sp)
		return nil, err
	}
	out, err := e.flush(dst, 0, row)
	if cap(row) <= maxScratch {
		*sp = row[:0]
		scratch.Put(sp)
	}
	return out, err
}

// scratch holds buffers for row 0, which is written into a grown buffer
// and then copied out at its exact size.
var scratch = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// maxScratch is the largest buffer kept for reuse.
const maxScratch = 1 << 20

// deferredRow is a value React writes in a row of its own after the
// current one: the bound arguments of a server reference.
type deferredRow struct {
	id        int
	value     any
	component tree.Node
	path      []string
}

// flush appends to out (nil: a new slice of the exact size) the rows
// written since the last flush with row id last:
// imports, outlined models, the row itself, then the rows React writes
// after it.
func (e *Encoder) flush(out []byte, id int, row []byte) ([]byte, error) {
	out = e.flushRow(out, id, row)
	for len(e.deferred) > 0 {
		d := e.deferred[0]
		e.deferred[0] = deferredRow{} // the Encoder is kept for reuse (Release): hold no values
		e.deferred = e.deferred[1:]
		st := e.beginTaskRow(d.id)
		savedC, savedP, savedB := e.component, e.path, e.pathBase
		e.component, e.path, e.pathBase = d.component, d.path, 0
		r, err := e.value(nil, d.value)
		e.component, e.path, e.pathBase = savedC, savedP, savedB
		e.endRow(st)
		if err != nil {
			return nil, err
		}
		out = e.flushRow(out, d.id, r)
	}
	return out, nil
}

// flushRow appends to out the import, hint and model rows written so far,
// then row id.
func (e *Encoder) flushRow(out []byte, id int, row []byte) []byte {
	need := len(e.imports) + len(e.hints) + len(e.models) + len(row) + 8
	if out == nil {
		out = make([]byte, 0, need)
	} else {
		out = slices.Grow(out, need)
	}
	out = append(out, e.imports...)
	out = append(out, e.hints...)
	out = append(out, e.models...)
	out = appendRowStart(out, id)
	out = append(out, row...)
	out = append(out, '\n')
	e.imports, e.hints, e.models = e.imports[:0], e.hints[:0], e.models[:0]
	return out
}

// Lazy is a Suspense boundary written as a lazy reference ("$L<id>")
// whose row is written once the boundary's children are done.
type Lazy struct {
	ID       int
	Boundary *tree.Boundary
}

// TakeLazies returns the boundaries written as lazy references since the
// last call.
func (e *Encoder) TakeLazies() []Lazy {
	l := e.lazies
	e.lazies = nil
	return l
}

// EncodeLazy returns the rows of a completed boundary: its children as row
// l.ID, with the import and model rows they need first. A boundary that
// failed becomes an error row carrying only digest (and, in development,
// the message).
func (e *Encoder) EncodeLazy(l Lazy, digest string, dev bool) ([]byte, error) {
	if l.Boundary.Err != nil {
		return ErrorRow(l.ID, digest, dev, l.Boundary.Err), nil
	}
	st := e.beginRow(l.ID, true)
	row, err := e.children(nil, l.Boundary.Children)
	e.endRow(st)
	if err != nil {
		return nil, err
	}
	if len(l.Boundary.Children) == 0 {
		row = append(row[:0], "null"...)
	}
	return e.flush(nil, l.ID, row)
}

// NewRowID returns a row id that no row of this response uses, for a row
// written outside the encoder (internal/domrows).
func (e *Encoder) NewRowID() int { return e.alloc() }

func (e *Encoder) alloc() int {
	id := e.nextID
	e.nextID++
	return id
}

func appendRef(b []byte, prefix string, id int) []byte {
	b = append(b, '"')
	b = append(b, prefix...)
	b = appendHex(b, id)
	return append(b, '"')
}

// endElement closes an element array opened with ["$",type,key,props: in
// development it adds the owner, debug stack and validated slots
// (null,null,1) the development client expects (doc/wire.md §1.4, §1.7).
func (e *Encoder) endElement(b []byte) []byte {
	if e.dev {
		b = append(b, ",null,null,1"...)
	}
	return append(b, ']')
}

// appendHex appends n (not negative: a row id, a row length) in lowercase
// hexadecimal, as React writes them; a few instructions a digit where
// strconv's general conversion takes a hundred or more.
func appendHex(b []byte, n int) []byte {
	const digits = "0123456789abcdef"
	u := uint64(n)
	if u < 16 {
		return append(b, digits[u])
	}
	var buf [16]byte
	i := len(buf)
	for u > 0 {
		i--
		buf[i] = digits[u&0xf]
		u >>= 4
	}
	return append(b, buf[i:]...)
}

func appendRowStart(b []byte, id int) []byte {
	b = appendHex(b, id)
	return append(b, ':')
}

// symbol returns the row id holding Symbol.for(name), emitting it once.
func (e *Encoder) symbol(name string) int {
	if id, ok := e.symbols[name]; ok {
		return id
	}
	if e.symbols == nil {
		e.symbols = map[string]int{}
	}
	id := e.alloc()
	e.symbols[name] = id
	e.imports = appendRowStart(e.imports, id)
	e.imports = jsonx.AppendString(e.imports, "$S"+name)
	e.imports = append(e.imports, '\n')
	return id
}

// clientKey is a client export: module and export name.
type clientKey struct{ module, export string }

// client returns the row id of the I row for a client export.
func (e *Encoder) client(c *tree.ClientRef) (int, error) {
	key := clientKey{c.Module, c.Export}
	if id, ok := e.clients[key]; ok {
		return id, nil
	}
	meta, err := e.r.ClientModule(c.Module, c.Export)
	if err != nil {
		return 0, err
	}
	// As React 19.3 does, long strings of the metadata go to rows of their
	// own first (importString), then the I row takes the next id.
	size := len(meta.ID) + len(meta.Name) + 16
	for _, ch := range meta.Chunks {
		size += len(ch) + 3
	}
	b := make([]byte, 0, size)
	b = append(b, '[')
	b = e.importString(b, meta.ID)
	b = append(b, ",["...)
	for i, ch := range meta.Chunks {
		if i > 0 {
			b = append(b, ',')
		}
		b = e.importString(b, ch)
	}
	b = append(b, "],"...)
	b = e.importString(b, meta.Name)
	if meta.Async {
		b = append(b, ",1"...)
	}
	b = append(b, ']')
	if e.clients == nil {
		e.clients = map[clientKey]int{}
	}
	id := e.alloc()
	e.clients[key] = id
	e.imports = appendRowStart(e.imports, id)
	e.imports = append(e.imports, 'I')
	e.imports = append(e.imports, b...)
	e.imports = append(e.imports, '\n')
	return id, nil
}

// Import strings: React 19.3 writes a string of the import metadata that
// has 16 or more UTF-16 code units as a row of its own, once per response,
// and refers to it as "$<id>" (serializeImportString), until such rows
// add up to more than 32768 code units; shorter strings, and strings past
// that budget, stay inline.
const (
	importStringMin    = 16
	importStringBudget = 32768
)

func (e *Encoder) importString(b []byte, s string) []byte {
	if len(s) < importStringMin {
		return appendString(b, s) // fewer bytes than 16 means fewer code units
	}
	n := utf16Len(s)
	if n < importStringMin {
		return appendString(b, s)
	}
	if ref, ok := e.importStrs[s]; ok {
		return append(b, ref...)
	}
	if e.importSize+n > importStringBudget {
		return appendString(b, s)
	}
	e.importSize += n
	id := e.alloc()
	e.imports = appendRowStart(e.imports, id)
	e.imports = appendString(e.imports, s)
	e.imports = append(e.imports, '\n')
	ref := string(appendRef(nil, "$", id))
	if e.importStrs == nil {
		e.importStrs = map[string]string{}
	}
	e.importStrs[s] = ref
	return append(b, ref...)
}

// action returns the row id holding {"id":…,"bound":…} for a server reference.
func (e *Encoder) action(a tree.ActionRef) (int, error) {
	id, err := e.r.ActionID(a)
	if err != nil {
		return 0, err
	}
	bound := a.BoundArgs()
	if bound == nil {
		if row, ok := e.actions[id]; ok {
			return row, nil
		}
	}
	row := e.alloc()
	// Written straight into the model rows: nothing else is written to
	// them until this row is complete.
	b := e.models
	b = appendRowStart(b, row)
	b = append(b, `{"id":`...)
	b = jsonx.AppendString(b, id)
	b = append(b, `,"bound":`...)
	if bound == nil {
		b = append(b, "null"...)
		if e.actions == nil {
			e.actions = map[string]int{}
		}
		e.actions[id] = row
	} else {
		argsRow := e.alloc()
		b = appendRef(b, "$@", argsRow)
		e.deferred = append(e.deferred, deferredRow{
			id: argsRow, value: bound, component: e.component,
			path: append(e.propPath(), "(bound)"),
		})
	}
	b = append(b, "}\n"...)
	e.models = b
	return row, nil
}

// appendString appends a Flight string: a leading '$' is escaped as "$$".
func appendString(b []byte, s string) []byte {
	if len(s) > 0 && s[0] == '$' {
		return appendDollar(b, s)
	}
	return jsonx.AppendString(b, s)
}

func appendDollar(b []byte, s string) []byte { return jsonx.AppendString(b, "$"+s) }

// str appends a string value of the model: as a text row referenced by
// "$<id>" when it has 1024 or more UTF-16 code units, as React writes it
// (doc/wire.md §1.5), else inline with '$' escaping. (Written to be
// inlined: strings are most of what the encoder writes.)
func (e *Encoder) str(b []byte, s string) []byte {
	if len(s) >= longString || len(s) > 0 && s[0] == '$' {
		return e.rareStr(b, s)
	}
	return jsonx.AppendString(b, s)
}

// rareStr is str for a long string or one that starts with '$'.
func (e *Encoder) rareStr(b []byte, s string) []byte {
	if !e.plain && len(s) >= longString && utf16Len(s) >= longString {
		return appendRef(b, "$", e.textRow(s))
	}
	return appendString(b, s)
}

func (e *Encoder) appendKey(b []byte, key *string) []byte {
	if key == nil {
		return append(b, "null"...)
	}
	return e.str(b, *key)
}

// children appends the value of a "children" prop: one child as itself,
// several as an array.
func (e *Encoder) children(b []byte, kids []tree.Node) ([]byte, error) {
	if len(kids) == 1 {
		return e.node(b, kids[0])
	}
	b = append(b, '[')
	for i, k := range kids {
		if i > 0 {
			b = append(b, ',')
		}
		if t, ok := k.(tree.Text); ok {
			b = e.str(b, string(t)) // as node writes it; a string holds no object, so no path
			continue
		}
		var err error
		e.pushIndex(i)
		b, err = e.node(b, k)
		e.pop()
		if err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// node appends a rendered tree node.
func (e *Encoder) node(b []byte, n tree.Node) ([]byte, error) {
	switch n := n.(type) {
	case tree.Text:
		return e.str(b, string(n)), nil
	case *tree.Element:
		if n != nil {
			if n.Simple() {
				return e.simpleElement(b, n), nil
			}
			return e.element(b, n)
		}
	}
	if tree.IsNil(n) {
		return append(b, "null"...), nil // nil, or a typed nil node
	}
	switch n := n.(type) {
	case tree.Number:
		return appendNumber(b, float64(n)), nil
	case tree.Group:
		return e.children(b, []tree.Node(n))
	case *tree.Fragment:
		if n.Key == nil {
			if len(n.Children) == 0 {
				// React's <></>: a fragment whose children are undefined.
				return append(b, `"$undefined"`...), nil
			}
			return e.children(b, n.Children)
		}
		if len(n.Children) == 0 {
			b = append(b, `["$",`...)
			b = appendRef(b, "$", e.symbol("react.fragment"))
			b = append(b, ',')
			b = e.appendKey(b, n.Key)
			return e.endElement(append(b, ",{}"...)), nil
		}
		b = append(b, `["$",`...)
		b = appendRef(b, "$", e.symbol("react.fragment"))
		b = append(b, ',')
		b = e.appendKey(b, n.Key)
		b = append(b, `,{"children":`...)
		e.pushRaw("props:children")
		b, err := e.children(b, n.Children)
		e.pop()
		if err != nil {
			return nil, err
		}
		return e.endElement(append(b, '}')), nil
	case *tree.Element:
		return e.element(b, n)
	case *tree.Suspense:
		b, err := e.openSuspense(b, e.symbol("react.suspense"), n.Key, n.Fallback)
		if err != nil {
			return nil, err
		}
		if len(n.Children) > 0 {
			b = append(b, `,"children":`...)
			e.pushRaw("props:children")
			b, err = e.children(b, n.Children)
			e.pop()
			if err != nil {
				return nil, err
			}
		}
		return e.endElement(append(b, '}')), nil
	case *tree.ClientRef:
		return e.clientElement(b, n)
	case *tree.ViewTransition:
		return e.viewTransition(b, n)
	case *tree.Boundary:
		b, err := e.openSuspense(b, e.symbol("react.suspense"), n.Key, n.Fallback)
		if err != nil {
			return nil, err
		}
		id := e.alloc()
		e.lazies = append(e.lazies, Lazy{ID: id, Boundary: n})
		b = append(b, `,"children":`...)
		b = appendRef(b, "$L", id)
		return e.endElement(append(b, '}')), nil
	case *tree.Component:
		return nil, fmt.Errorf("gorsc: internal error: server component %s reached the Flight writer unrendered", tree.Describe(n))
	case tree.Attr:
		return nil, fmt.Errorf("gorsc: attribute %q is outside of an element", n.Name)
	case *tree.Attr:
		return nil, fmt.Errorf("gorsc: attribute %q is outside of an element", n.Name)
	case tree.Key:
		return nil, fmt.Errorf("gorsc: key %q is outside of an element", string(n))
	}
	return nil, fmt.Errorf("gorsc: unknown node type %T", n)
}

// viewTransition writes a <ViewTransition> element:
// ["$","$Sreact.view_transition",key,{name,default,update,enter,exit,share,children}],
// with the props that are set, in that order.
func (e *Encoder) viewTransition(b []byte, n *tree.ViewTransition) ([]byte, error) {
	b = append(b, `["$",`...)
	b = appendRef(b, "$", e.symbol("react.view_transition"))
	b = append(b, ',')
	b = e.appendKey(b, n.Key)
	b = append(b, ",{"...)
	first := true
	sep := func() {
		if !first {
			b = append(b, ',')
		}
		first = false
	}
	if n.Name != "" {
		sep()
		b = append(b, `"name":`...)
		b = e.str(b, n.Name)
	}
	for _, p := range []struct {
		name string
		v    any
	}{{"default", n.Default}, {"update", n.Update}, {"enter", n.Enter}, {"exit", n.Exit}, {"share", n.Share}} {
		if p.v == nil {
			continue
		}
		sep()
		b = jsonx.AppendString(b, p.name)
		b = append(b, ':')
		var err error
		if b, err = e.value(b, p.v); err != nil {
			return nil, err
		}
	}
	if len(n.Children) > 0 {
		sep()
		b = append(b, `"children":`...)
		var err error
		if b, err = e.children(b, n.Children); err != nil {
			return nil, err
		}
	}
	return e.endElement(append(b, '}')), nil
}

// clientElement writes a client component wrapped in a Suspense boundary,
// so that the HTML can leave a client-rendered hole for it (doc/wire.md §4.3).
func (e *Encoder) clientElement(b []byte, c *tree.ClientRef) ([]byte, error) {
	if c.SSR != nil {
		// Go writes this component's exact HTML, so it is hydrated in
		// place: no Suspense boundary around it.
		ref, err := e.client(c)
		if err != nil {
			return nil, err
		}
		b = append(b, `["$",`...)
		b = appendRef(b, "$L", ref)
		b = append(b, ',')
		b = e.appendKey(b, c.Key)
		b = append(b, ',')
		e.pushRaw("props")
		b, err = e.clientProps(b, c)
		e.pop()
		if err != nil {
			return nil, err
		}
		return e.endElement(b), nil
	}
	// The boundary's type is written before its child's, so its symbol row
	// is allocated first, as React's Flight server does for the same tree.
	suspense := e.symbol("react.suspense")
	ref, err := e.client(c)
	if err != nil {
		return nil, err
	}
	if b, err = e.openSuspense(b, suspense, c.Key, c.Fallback); err != nil {
		return nil, err
	}
	b = append(b, `,"children":["$",`...)
	b = appendRef(b, "$L", ref)
	b = append(b, `,null,`...)
	e.pushRaw("props:children:props")
	b, err = e.clientProps(b, c)
	e.pop()
	if err != nil {
		return nil, err
	}
	return e.endElement(append(e.endElement(b), '}')), nil
}

// openSuspense appends the start of a Suspense element, up to and
// including its fallback: ["$","$<sym>",key,{"fallback":…
func (e *Encoder) openSuspense(b []byte, sym int, key *string, fallback tree.Node) ([]byte, error) {
	b = append(b, `["$",`...)
	b = appendRef(b, "$", sym)
	b = append(b, ',')
	b = e.appendKey(b, key)
	b = append(b, `,{"fallback":`...)
	e.pushRaw("props:fallback")
	b, err := e.node(b, fallback)
	e.pop()
	return b, err
}

// clientProps appends a client component's props object.
func (e *Encoder) clientProps(b []byte, c *tree.ClientRef) ([]byte, error) {
	savedC, savedB, savedN := e.component, e.pathBase, e.noRecordAt
	defer func() { e.component, e.pathBase, e.noRecordAt = savedC, savedB, savedN }()
	// React's props object is made by createElement for each element: the
	// props value itself is never the same object twice.
	e.component, e.pathBase, e.noRecordAt = c, len(e.path), len(e.jp)
	if c.Props == nil {
		return append(b, "{}"...), nil
	}
	start := len(b)
	b, err := e.value(b, c.Props)
	if err == nil && b[start] != '{' {
		err = &BoundaryError{Component: tree.Describe(c), Type: fmt.Sprintf("%T", c.Props), Reason: "cannot be the props of a client component: props must be a struct or a map with string keys"}
	}
	return b, err
}

func (e *Encoder) element(b []byte, el *tree.Element) ([]byte, error) {
	b = append(b, `["$",`...)
	b = e.name(b, el.Tag)
	b = append(b, ',')
	b = e.appendKey(b, el.Key())
	b = append(b, ",{"...)
	first := true
	// As React's Flight server does when it renders the element: resource
	// hints first, then, for an element that enters a new format context
	// (<noscript>, <picture>), its children as a row of their own.
	ctx := e.fmtCtx
	if !el.HoistFree() { // no <img> or <link>, in it or below
		e.elementHints(el, ctx)
	}
	outlined := -1
	if child := childContext(ctx, el.Tag); child != ctx && len(el.Children()) > 0 {
		e.fmtCtx = child
		// React writes the children as a task of its own, whose row id is
		// taken before they are rendered.
		outlined = e.alloc()
		st := e.beginRow(outlined, true)
		row, err := e.children(nil, el.Children())
		e.endRow(st)
		e.fmtCtx = ctx
		if err != nil {
			return nil, err
		}
		e.models = appendRowStart(e.models, outlined)
		e.models = append(e.models, row...)
		e.models = append(e.models, '\n')
	}
	savedC, savedB := e.component, e.pathBase
	for _, a := range el.Attrs() {
		if a.Value == nil {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = e.name(b, a.Name)
		b = append(b, ':')
		if s, ok := a.Value.(string); ok {
			// The common case, with nothing that can fail: no path needed.
			b = e.stringProp(b, a.Name, s)
			continue
		}
		e.component, e.pathBase = el, len(e.path)
		e.path = append(e.path, a.Name)
		e.pushRaw("props")
		e.pushKey(a.Name)
		var err error
		b, err = e.value(b, a.Value)
		e.pop()
		e.pop()
		e.path = e.path[:len(e.path)-1]
		e.component, e.pathBase = savedC, savedB
		if err != nil {
			return nil, err
		}
	}
	if len(el.Children()) > 0 {
		if !first {
			b = append(b, ',')
		}
		b = append(b, `"children":`...)
		if outlined >= 0 {
			b = appendRef(b, "$", outlined)
		} else {
			var err error
			e.pushRaw("props:children")
			b, err = e.children(b, el.Children())
			e.pop()
			if err != nil {
				return nil, err
			}
		}
	}
	return e.endElement(append(b, '}')), nil
}

// simpleElement is element for an element El noted Simple (most of a
// page): with nothing in it that needs a resource hint, a row of its own
// or the path to an object, it writes the same bytes without keeping
// the path, the component or the format context.
func (e *Encoder) simpleElement(b []byte, el *tree.Element) []byte {
	b, props := e.simpleHead(b, el)
	if kids := el.Children(); len(kids) > 0 {
		if props {
			b = append(b, ',')
		}
		b = append(b, `"children":`...)
		if len(kids) == 1 {
			b = e.simpleChild(b, kids[0])
		} else {
			b = append(b, '[')
			for i, k := range kids {
				if i > 0 {
					b = append(b, ',')
				}
				b = e.simpleChild(b, k)
			}
			b = append(b, ']')
		}
	}
	return e.endElement(append(b, '}'))
}

// simpleHead writes how a simple element starts, up to its last
// attribute (`["$","span",null,{"className":"id"`), and reports whether
// it wrote an attribute. An unkeyed element with up to headAttrs
// attributes is written from e.heads when it was written before.
func (e *Encoder) simpleHead(b []byte, el *tree.Element) ([]byte, bool) {
	as := el.Attrs()
	var h *elementHead
	var attrs [headAttrs]*tree.Attr
	if el.Key() == nil && len(as) <= headAttrs && el.Tag != "" {
		if e.heads == nil {
			e.heads = new([64]elementHead)
		}
		copy(attrs[:], as)
		tag := unsafe.StringData(el.Tag)
		x := uintptr(unsafe.Pointer(tag)) ^ uintptr(unsafe.Pointer(attrs[0]))>>3 ^ uintptr(unsafe.Pointer(attrs[1]))>>5
		h = &e.heads[(x^x>>7^x>>13)%64]
		if h.tag == tag && h.tagLen == len(el.Tag) && h.attrs == attrs {
			return append(b, h.text...), h.props
		}
	}
	start := len(b)
	b = append(b, `["$",`...)
	b = e.name(b, el.Tag)
	b = append(b, ',')
	b = e.appendKey(b, el.Key())
	b = append(b, ",{"...)
	props := false
	for _, a := range as {
		if a.Value == nil {
			continue
		}
		if props {
			b = append(b, ',')
		}
		props = true
		b = e.name(b, a.Name)
		b = append(b, ':')
		switch v := a.Value.(type) { // as value writes them
		case string:
			if len(v) >= longString {
				h = nil // written as a text row of this response: not kept
			}
			b = e.stringProp(b, a.Name, v)
		case bool:
			b = strconv.AppendBool(b, v)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case float64:
			b = appendNumber(b, v)
		}
	}
	if h != nil {
		*h = elementHead{tag: unsafe.StringData(el.Tag), tagLen: len(el.Tag), attrs: attrs, props: props, text: append(h.text[:0], b[start:]...)}
	}
	return b, props
}

// name appends s, a tag or a prop name, as a JSON string. The same few
// come back on every element, mostly constants of the page's code, so
// their written form is kept by the address of their bytes: a kept
// string keeps its bytes alive and unchanged, so the same address and
// length are the same string.
func (e *Encoder) name(b []byte, s string) []byte { return quoted(b, s, &e.names) }

// quoted appends s as a JSON string, its written form kept in *cache by
// the address of s's bytes (Encoder.name).
func quoted(b []byte, s string, cache **[64]quotedName) []byte {
	if s == "" { // its address says nothing (an empty slot matches it)
		return append(b, `""`...)
	}
	if *cache == nil {
		*cache = new([64]quotedName)
	}
	p := unsafe.StringData(s)
	q := &(*cache)[(uintptr(unsafe.Pointer(p))>>3^uintptr(len(s)))%64]
	if unsafe.StringData(q.s) == p && len(q.s) == len(s) {
		return append(b, q.quoted...)
	}
	n := len(b)
	b = jsonx.AppendString(b, s)
	if len(s) <= maxQuoted {
		q.s, q.quoted = s, append(q.quoted[:0], b[n:]...)
	}
	return b
}

// quotedName is a tag or prop name and its JSON form (Encoder.name).
type quotedName struct {
	s      string
	quoted []byte
}

// stringProp writes the value of a host element's string prop name: a
// string, or React's {"__html": …} for dangerouslySetInnerHTML.
func (e *Encoder) stringProp(b []byte, name, s string) []byte {
	if name == "dangerouslySetInnerHTML" {
		b = append(b, `{"__html":`...)
		b = e.str(b, s)
		return append(b, '}')
	}
	if len(s) <= maxQuoted && (s == "" || s[0] != '$') {
		// A class or a type: mostly constants of the page's code, written
		// as names are.
		return quoted(b, s, &e.attrs)
	}
	return e.str(b, s)
}

// simpleChild writes a child of a Simple element, as node does.
func (e *Encoder) simpleChild(b []byte, n tree.Node) []byte {
	switch n := n.(type) {
	case tree.Text:
		return e.str(b, string(n))
	case tree.Number:
		return appendNumber(b, float64(n))
	case *tree.Element:
		return e.simpleElement(b, n)
	}
	panic(fmt.Sprintf("gorsc: internal error: %T in an element noted simple", n))
}

func (e *Encoder) pathString() string { return strings.Join(e.path[e.pathBase:], ".") }

// propPath returns a copy of the prop path inside the current component,
// with room for one more name.
func (e *Encoder) propPath() []string {
	p := e.path[e.pathBase:]
	return append(make([]string, 0, len(p)+1), p...)
}

func (e *Encoder) fail(t reflect.Type, reason string) error {
	component := ""
	if e.component != nil {
		component = tree.Describe(e.component)
	}
	return &BoundaryError{Component: component, Path: e.pathString(), Type: t.String(), Reason: reason}
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	bigIntType = reflect.TypeFor[big.Int]()
	nodeType   = reflect.TypeFor[tree.Node]()
	actionType = reflect.TypeFor[tree.ActionRef]()
	jsonMarsh  = reflect.TypeFor[json.Marshaler]()
	textMarsh  = reflect.TypeFor[encoding.TextMarshaler]()
)

// value appends any Go value: nodes, actions, JSON-able data.
func (e *Encoder) value(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return e.str(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case float64:
		return appendNumber(b, v), nil
	case Undefined:
		return append(b, `"$undefined"`...), nil
	case Null:
		return append(b, "null"...), nil
	case Object:
		if ref := e.remember(reflect.ValueOf(v)); ref != "" {
			return jsonx.AppendString(b, ref), nil
		}
		b = append(b, '{')
		for i, f := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, f.Key)
			b = append(b, ':')
			e.path = append(e.path, f.Key)
			e.pushKey(f.Key)
			var err error
			b, err = e.value(b, f.Value)
			e.pop()
			e.path = e.path[:len(e.path)-1]
			if err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case map[string]any:
		return e.anyMapValue(b, v)
	case Map:
		return e.jsMap(b, v)
	case Set:
		return e.jsSet(b, v)
	case *tree.Promise:
		return e.promise(b, v)
	case TemporaryReference:
		return e.temporaryReference(b, v)
	case tree.ActionRef:
		row, err := e.action(v)
		if err != nil {
			return nil, err
		}
		return appendRef(b, "$h", row), nil
	case tree.Node:
		return e.node(b, v)
	}
	return e.reflectValue(b, reflect.ValueOf(v))
}

func appendNumber(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"$NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"$Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"$-Infinity"`...)
	case f == 0 && math.Signbit(f):
		return append(b, `"$-0"`...)
	}
	return jsonx.AppendFloat(b, f)
}

// primitive appends a Go scalar as the JavaScript primitive jsval maps
// it to (the HTML writer writes the same value).
func (e *Encoder) primitive(b []byte, v jsval.Value) []byte {
	switch v.Kind {
	case jsval.String:
		return e.str(b, v.Str)
	case jsval.Boolean:
		return strconv.AppendBool(b, v.Bool)
	case jsval.BigInt:
		return jsonx.AppendString(b, "$n"+v.Str)
	}
	if v.Num == math.Trunc(v.Num) && math.Abs(v.Num) <= 1<<53 && !(v.Num == 0 && math.Signbit(v.Num)) {
		return strconv.AppendInt(b, int64(v.Num), 10)
	}
	return appendNumber(b, v.Num)
}

func (e *Encoder) reflectValue(b []byte, rv reflect.Value) ([]byte, error) {
	if !rv.IsValid() {
		return append(b, "null"...), nil
	}
	if rv.Kind() == reflect.Interface && !rv.IsNil() && rv.CanInterface() {
		// An element of []any, map[string]any…: the dynamic value may be
		// one the encoder knows by type (Undefined, Object, nodes).
		return e.value(b, rv.Elem().Interface())
	}
	t := rv.Type()
	if t.Implements(actionType) || t.Implements(nodeType) {
		if (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && rv.IsNil() {
			return append(b, "null"...), nil
		}
		return e.value(b, rv.Interface())
	}
	switch t {
	case timeType:
		return jsonx.AppendString(b, "$D"+jsDate(rv.Interface().(time.Time))), nil
	case bigIntType:
		var n *big.Int
		if rv.CanAddr() {
			n = rv.Addr().Interface().(*big.Int)
		} else {
			v := rv.Interface().(big.Int)
			n = &v
		}
		return jsonx.AppendString(b, "$n"+n.String()), nil
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		if t.Implements(jsonMarsh) {
			return e.marshaler(b, rv.Interface().(json.Marshaler), t)
		}
		if t.Implements(textMarsh) {
			return e.textMarshaler(b, rv.Interface().(encoding.TextMarshaler), t)
		}
	}
	if tag, ok := binaryTag(t); ok {
		if t.Kind() == reflect.Slice && rv.IsNil() {
			return append(b, "null"...), nil
		}
		if e.plain {
			return nil, e.fail(t, "cannot be a bound argument of a form action: binary data cannot be sent in a form")
		}
		if ref := e.rememberOutlined(rv); ref != "" {
			return jsonx.AppendString(b, ref), nil
		}
		return appendRef(b, "$", e.binaryRow(tag, binaryBytes(rv))), nil
	}
	if jv, ok := jsval.OfReflect(rv); ok {
		return e.primitive(b, jv), nil
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return append(b, "null"...), nil
		}
		if t.Kind() == reflect.Pointer {
			// A struct or array written before is referenced by its path,
			// even from inside itself (a cycle).
			if ref := e.lookup(rv.Elem()); ref != "" {
				return jsonx.AppendString(b, ref), nil
			}
			p := rv.Pointer()
			if !e.enterPointer(p) {
				return nil, e.fail(t, "is part of a cycle and cannot be sent to the client")
			}
			defer e.leave(p)
			// Marshalers with pointer receivers; value receivers and the
			// types with a Flight form of their own (time.Time, big.Int)
			// are handled on the element.
			if el := t.Elem(); el != timeType && el != bigIntType {
				if t.Implements(jsonMarsh) && !el.Implements(jsonMarsh) {
					return e.marshaler(b, rv.Interface().(json.Marshaler), t)
				}
				if t.Implements(textMarsh) && !el.Implements(textMarsh) && !t.Implements(jsonMarsh) {
					return e.textMarshaler(b, rv.Interface().(encoding.TextMarshaler), t)
				}
			}
		}
		return e.reflectValue(b, rv.Elem())
	case reflect.Slice, reflect.Array:
		if ref := e.remember(rv); ref != "" {
			return jsonx.AppendString(b, ref), nil
		}
		if t.Kind() == reflect.Slice && rv.Len() > 0 {
			p, err := e.enter(rv, t)
			if err != nil {
				return nil, err
			}
			defer e.leave(p)
		}
		if t.Kind() == reflect.Slice && rv.IsNil() {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i := range rv.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			e.path = append(e.path, strconv.Itoa(i))
			e.pushIndex(i)
			var err error
			b, err = e.reflectValue(b, rv.Index(i))
			e.pop()
			e.path = e.path[:len(e.path)-1]
			if err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case reflect.Map:
		if rv.IsNil() {
			return append(b, "null"...), nil
		}
		if ref := e.remember(rv); ref != "" {
			return jsonx.AppendString(b, ref), nil
		}
		p, err := e.enter(rv, t)
		if err != nil {
			return nil, err
		}
		defer e.leave(p)
		if t == anyMapType && rv.CanInterface() {
			return e.anyMap(b, rv.Interface().(map[string]any))
		}
		kt := t.Key()
		if kt.Kind() != reflect.String && !kt.Implements(textMarsh) &&
			!(kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Uint64) {
			return nil, e.fail(t, "cannot be sent to the client: map keys must be strings, integers or encoding.TextMarshalers")
		}
		type kv struct {
			k string
			v reflect.Value
		}
		entries := make([]kv, 0, rv.Len())
		index := false
		iter := rv.MapRange()
		for iter.Next() {
			k, err := mapKey(iter.Key())
			if err != nil {
				return nil, e.fail(t, err.Error())
			}
			index = index || mayBeIndex(k)
			entries = append(entries, kv{k, iter.Value()})
		}
		if index {
			slices.SortFunc(entries, func(a, b kv) int { return compareKeys(a.k, b.k) })
		} else {
			slices.SortFunc(entries, func(a, b kv) int { return strings.Compare(a.k, b.k) })
		}
		b = append(b, '{')
		for i, en := range entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, en.k)
			b = append(b, ':')
			e.path = append(e.path, en.k)
			e.pushKey(en.k)
			var err error
			b, err = e.reflectValue(b, en.v)
			e.pop()
			e.path = e.path[:len(e.path)-1]
			if err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case reflect.Struct:
		if ref := e.remember(rv); ref != "" {
			return jsonx.AppendString(b, ref), nil
		}
		return e.structValue(b, rv)
	case reflect.Func:
		if rv.IsNil() {
			return append(b, "null"...), nil
		}
		return nil, e.fail(t, "is a function and cannot be sent to the client: only server actions (gorsc.Action) can be")
	}
	return nil, e.fail(t, "cannot be sent to the client")
}

var anyMapType = reflect.TypeFor[map[string]any]()

// sortedKeys appends m's keys to keys in the order the encoder writes
// them (compareKeys) and returns them.
func sortedKeys(keys []string, m map[string]any) []string {
	index := false
	for k := range m {
		index = index || mayBeIndex(k)
		keys = append(keys, k)
	}
	if index {
		slices.SortFunc(keys, compareKeys)
	} else {
		slices.Sort(keys)
	}
	return keys
}

// anyMapValue writes a map[string]any as reflectValue does (props and
// styles are most often one), without its checks for the kinds of value
// that a map[string]any is not.
func (e *Encoder) anyMapValue(b []byte, m map[string]any) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	rv := reflect.ValueOf(m)
	if ref := e.remember(rv); ref != "" {
		return jsonx.AppendString(b, ref), nil
	}
	p, err := e.enter(rv, anyMapType)
	if err != nil {
		return nil, err
	}
	b, err = e.anyMap(b, m)
	e.leave(p)
	return b, err
}

// anyMap is reflectValue's map case for the most common map, a
// map[string]any (props, styles), without reflection: the same keys in
// the same order, each value written as reflectValue writes an interface.
func (e *Encoder) anyMap(b []byte, m map[string]any) ([]byte, error) {
	var buf [8]keyValue
	b = append(b, '{')
	for i, kv := range sortedEntries(buf[:0], m) {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonx.AppendString(b, kv.k)
		b = append(b, ':')
		e.path = append(e.path, kv.k)
		e.pushKey(kv.k)
		var err error
		if kv.v == nil {
			b = append(b, "null"...)
		} else {
			b, err = e.value(b, kv.v)
		}
		e.pop()
		e.path = e.path[:len(e.path)-1]
		if err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// keyValue is an entry of a map[string]any.
type keyValue struct {
	k string
	v any
}

// sortedEntries is sortedKeys with the values: appended to kvs in the
// order the encoder writes them (no lookup of each key afterwards).
func sortedEntries(kvs []keyValue, m map[string]any) []keyValue {
	index := false
	for k, v := range m {
		index = index || mayBeIndex(k)
		kvs = append(kvs, keyValue{k, v})
	}
	if index {
		slices.SortFunc(kvs, func(a, b keyValue) int { return compareKeys(a.k, b.k) })
	} else {
		slices.SortFunc(kvs, func(a, b keyValue) int { return strings.Compare(a.k, b.k) })
	}
	return kvs
}

func mapKey(k reflect.Value) (string, error) {
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if tm, ok := k.Interface().(encoding.TextMarshaler); ok {
		s, err := tm.MarshalText()
		return string(s), err
	}
	if k.CanInt() {
		return strconv.FormatInt(k.Int(), 10), nil
	}
	return strconv.FormatUint(k.Uint(), 10), nil
}

// marshaler encodes a json.Marshaler's output, re-reading it so that its
// strings get Flight escaping.
func (e *Encoder) marshaler(b []byte, m json.Marshaler, t reflect.Type) ([]byte, error) {
	raw, err := m.MarshalJSON()
	if err != nil {
		return nil, e.fail(t, "failed to marshal: "+err.Error())
	}
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, e.fail(t, "produced invalid JSON: "+err.Error())
	}
	return e.plainJSON(b, v), nil
}

// textMarshaler encodes an encoding.TextMarshaler as the string it
// returns, as encoding/json does.
func (e *Encoder) textMarshaler(b []byte, m encoding.TextMarshaler, t reflect.Type) ([]byte, error) {
	s, err := m.MarshalText()
	if err != nil {
		return nil, e.fail(t, "failed to marshal: "+err.Error())
	}
	return e.str(b, string(s)), nil
}

func (e *Encoder) plainJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return e.str(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case json.Number:
		return append(b, v...)
	case []any:
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.plainJSON(b, x)
		}
		return append(b, ']')
	case map[string]any:
		var buf [8]string
		b = append(b, '{')
		for i, k := range sortedKeys(buf[:0], v) {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, k)
			b = append(b, ':')
			b = e.plainJSON(b, v[k])
		}
		return append(b, '}')
	}
	return append(b, "null"...)
}

// EncodePlain encodes a plain data value (no nodes, no actions, nothing
// that needs its own row) as one JSON value in React's reply format, as
// used for the bound arguments of a progressive-enhancement form.
func EncodePlain(v any) ([]byte, error) {
	if args, ok := v.([]any); ok {
		return AppendPlainArgs(nil, args)
	}
	return encodePlain(v)
}

// AppendPlainArgs appends to dst (which may be nil) bound arguments args
// as EncodePlain writes them. The common ones (strings, ints and bools)
// are written straight into dst, so a caller with a buffer of its own
// allocates nothing.
func AppendPlainArgs(dst []byte, args []any) ([]byte, error) {
	if b, ok := appendScalarArgs(dst, args); ok {
		return b, nil
	}
	b, err := encodePlain(args)
	if err != nil || dst == nil {
		return b, err
	}
	return append(dst, b...), nil
}

// encodePlain is EncodePlain for any value, through an Encoder.
func encodePlain(v any) ([]byte, error) {
	e := &Encoder{r: plainOnly{}, nextID: 1, plain: true}
	b, err := e.value(nil, v)
	if err != nil {
		return nil, err
	}
	if len(e.imports) > 0 || len(e.models) > 0 || len(e.deferred) > 0 {
		return nil, &BoundaryError{Type: fmt.Sprintf("%T", v), Reason: "cannot be a bound argument of a form action: only plain data can be"}
	}
	return b, nil
}

// appendPlainScalars is EncodePlain's fast path for the common bound
// arguments, a non-empty []any of strings, ints and bools (an id, a slug),
// written as the encoder writes them; ok is false for anything else.
func appendPlainScalars(b []byte, v any) (_ []byte, ok bool) {
	args, isSlice := v.([]any)
	if !isSlice {
		return nil, false
	}
	return appendScalarArgs(b, args)
}

// appendScalarArgs is appendPlainScalars for a []any.
func appendScalarArgs(b []byte, args []any) (_ []byte, ok bool) {
	if len(args) == 0 {
		return nil, false
	}
	b = append(b, '[')
	for i, a := range args {
		if i > 0 {
			b = append(b, ',')
		}
		switch a := a.(type) {
		case string:
			b = appendString(b, a)
		case int:
			b = strconv.AppendInt(b, int64(a), 10)
		case bool:
			b = strconv.AppendBool(b, a)
		default:
			return nil, false
		}
	}
	return append(b, ']'), true
}

type plainOnly struct{}

func (plainOnly) ClientModule(module, export string) (ClientMeta, error) {
	return ClientMeta{}, fmt.Errorf("gorsc: a client component cannot be a bound argument of a form action")
}

func (plainOnly) ActionID(tree.ActionRef) (string, error) {
	return "", fmt.Errorf("gorsc: a server action cannot be a bound argument of a form action")
}

// ErrorRow returns an E row for chunk id carrying digest. Production
// clients get the digest alone. In development (dev true) the row has the
// shape the development client requires — it fails on a row without a
// stack array (doc/wire.md §1.7) — and carries the error's message:
// {"digest":…,"name":"Error","message":…,"stack":[],"env":"Server","owner":null}.
// The production client reads that shape too, ignoring all but the digest.
func ErrorRow(id int, digest string, dev bool, err error) []byte {
	b := appendRowStart(nil, id)
	b = append(b, `E{"digest":`...)
	b = jsonx.AppendString(b, digest)
	if dev {
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		b = append(b, `,"name":"Error","message":`...)
		b = jsonx.AppendString(b, msg)
		b = append(b, `,"stack":[],"env":"Server","owner":null`...)
	}
	return append(b, "}\n"...)
}
