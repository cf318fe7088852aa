package flight

import (
	"encoding/binary"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorsc/gorsc/internal/jsonx"
	"github.com/gorsc/gorsc/internal/jsval"
)

// Options change how an Encoder writes rows.
type Options struct {
	// Dev writes the row shapes the development build of React's Flight
	// client expects (doc/wire.md §1.7): elements carry the owner, debug
	// stack and validated slots (null,null,1), and error rows carry name,
	// message, stack, env and owner. Production clients read dev rows too,
	// but they send error messages to the browser: never set Dev in
	// production.
	Dev bool
}

// NewEncoderWith returns an Encoder for one response written with opts.
// Calling Release once the response is written lets a later response
// reuse its memory.
func NewEncoderWith(r Resolver, opts Options) *Encoder {
	e := encoders.Get().(*Encoder)
	e.init(r, opts)
	return e
}

// init readies a new or reset Encoder.
func (e *Encoder) init(r Resolver, opts Options) {
	e.r, e.dev, e.noRecordAt = r, opts.Dev, -1
	if e.jp == nil {
		e.jp = e.jpBuf[:0]
	}
}

// EncodeWith is Encode with options.
func EncodeWith(root any, r Resolver, opts Options) ([]byte, error) {
	e := NewEncoderWith(r, opts)
	defer e.Release()
	return e.Encode(root)
}

// encoders keeps released Encoders: their buffers, maps and stacks, which
// a response fills again with about as much.
var encoders = sync.Pool{New: func() any { return new(Encoder) }}

// Release gives e's memory back for reuse by a later Encoder (its row
// buffers, the maps of what was written, the path stacks). Neither e nor
// anything it holds may be used afterwards; the rows it returned and the
// lazies and promises taken from it stay the caller's. Boundaries and
// promises not taken are dropped.
func (e *Encoder) Release() {
	if e == nil || e.plain {
		return
	}
	e.reset()
	encoders.Put(e)
}

// reset empties e for reuse, keeping its memory within limits.
func (e *Encoder) reset() {
	clear(e.paths)
	clear(e.path[:cap(e.path)])
	clear(e.jp[:cap(e.jp)])
	clear(e.deferred)
	*e = Encoder{
		imports:    keepBytes(e.imports),
		models:     keepBytes(e.models),
		hints:      keepBytes(e.hints),
		deferred:   keepSlice(e.deferred),
		jp:         keepSlice(e.jp), // nil: NewEncoderWith starts it in jpBuf again
		paths:      keepSlice(e.paths),
		path:       keepSlice(e.path),
		symbols:    keepMap(e.symbols),
		clients:    keepMap(e.clients),
		actions:    keepMap(e.actions),
		promised:   keepMap(e.promised),
		objects:    keepMap(e.objects),
		importStrs: keepMap(e.importStrs),
		hintKeys:   keepMap(e.hintKeys),
		seen:       keepMap(e.seen),
		entered:    keepSlice(e.entered),
		names:      e.names,
		attrs:      e.attrs,
		heads:      e.heads,
	}
}

// Limits on what a released Encoder keeps: a response far larger than
// most does not pin its memory.
const (
	maxKeptBytes   = 1 << 20
	maxKeptEntries = 1 << 12
)

func keepBytes(b []byte) []byte {
	if cap(b) > maxKeptBytes {
		return nil
	}
	return b[:0]
}

func keepSlice[T any](s []T) []T {
	if cap(s) > maxKeptEntries {
		return nil
	}
	return s[:0]
}

// keepMap returns m emptied, or nil when it grew large (clearing a map
// costs its size, not its length).
func keepMap[K comparable, V any](m map[K]V) map[K]V {
	if len(m) > maxKeptEntries {
		return nil
	}
	clear(m)
	return m
}

// longString is the length, in UTF-16 code units, from which React's
// Flight server writes a string as a text row of its own.
const longString = 1024

// utf16Len is the length of s in UTF-16 code units, JavaScript's
// String.prototype.length. Invalid UTF-8 bytes count as U+FFFD.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// textRow writes s as a length-prefixed text row (id:T<hex bytes>,<text>)
// and returns its id. The length counts UTF-8 bytes; invalid UTF-8 is
// replaced by U+FFFD first, as it is in JSON strings.
func (e *Encoder) textRow(s string) int {
	s = strings.ToValidUTF8(s, "\uFFFD")
	id := e.alloc()
	e.models = appendRowStart(e.models, id)
	e.models = append(e.models, 'T')
	e.models = appendHex(e.models, len(s))
	e.models = append(e.models, ',')
	e.models = append(e.models, s...)
	return id
}

// Binary data. A []byte (or [N]byte) is sent as a Uint8Array; these types
// are sent as the JavaScript typed array (or ArrayBuffer, DataView) of
// the same name. Each becomes a length-prefixed binary row holding the
// little-endian bytes of its elements (doc/wire.md §1.2).
type (
	ArrayBuffer       []byte
	DataView          []byte
	Int8Array         []int8
	Uint8ClampedArray []uint8
	Int16Array        []int16
	Uint16Array       []uint16
	Int32Array        []int32
	Uint32Array       []uint32
	Float32Array      []float32
	Float64Array      []float64
	BigInt64Array     []int64
	BigUint64Array    []uint64
)

// binaryTags maps the binary types to their row tags.
var binaryTags = map[reflect.Type]byte{
	reflect.TypeFor[ArrayBuffer]():       'A',
	reflect.TypeFor[Int8Array]():         'O',
	reflect.TypeFor[Uint8ClampedArray](): 'U',
	reflect.TypeFor[Int16Array]():        'S',
	reflect.TypeFor[Uint16Array]():       's',
	reflect.TypeFor[Int32Array]():        'L',
	reflect.TypeFor[Uint32Array]():       'l',
	reflect.TypeFor[Float32Array]():      'G',
	reflect.TypeFor[Float64Array]():      'g',
	reflect.TypeFor[BigInt64Array]():     'M',
	reflect.TypeFor[BigUint64Array]():    'm',
	reflect.TypeFor[DataView]():          'V',
}

// binaryTag reports the row tag of t when values of t are binary data:
// one of the types above, or any slice or array of bytes (a Uint8Array).
func binaryTag(t reflect.Type) (byte, bool) {
	if tag, ok := binaryTags[t]; ok {
		return tag, true
	}
	if (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && t.Elem().Kind() == reflect.Uint8 {
		return 'o', true
	}
	return 0, false
}

// binaryBytes returns the little-endian bytes of a binary value.
func binaryBytes(rv reflect.Value) []byte {
	if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8 {
		return rv.Bytes()
	}
	n := rv.Len()
	if n == 0 {
		return nil
	}
	size := int(rv.Type().Elem().Size())
	out := make([]byte, 0, n*size)
	for i := range n {
		x := rv.Index(i)
		switch x.Kind() {
		case reflect.Uint8:
			out = append(out, byte(x.Uint()))
		case reflect.Int8:
			out = append(out, byte(x.Int()))
		case reflect.Int16:
			out = binary.LittleEndian.AppendUint16(out, uint16(x.Int()))
		case reflect.Uint16:
			out = binary.LittleEndian.AppendUint16(out, uint16(x.Uint()))
		case reflect.Int32:
			out = binary.LittleEndian.AppendUint32(out, uint32(x.Int()))
		case reflect.Uint32:
			out = binary.LittleEndian.AppendUint32(out, uint32(x.Uint()))
		case reflect.Int64:
			out = binary.LittleEndian.AppendUint64(out, uint64(x.Int()))
		case reflect.Uint64:
			out = binary.LittleEndian.AppendUint64(out, x.Uint())
		case reflect.Float32:
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(float32(x.Float())))
		case reflect.Float64:
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(x.Float()))
		}
	}
	return out
}

// binaryRow writes a binary row (id:<tag><hex length>,<bytes>) and returns
// its id.
func (e *Encoder) binaryRow(tag byte, data []byte) int {
	id := e.alloc()
	e.models = appendRowStart(e.models, id)
	e.models = append(e.models, tag)
	e.models = appendHex(e.models, len(data))
	e.models = append(e.models, ',')
	e.models = append(e.models, data...)
	return id
}

// jsDate formats t as JavaScript's Date.prototype.toJSON does: UTC,
// milliseconds, and six-digit signed years outside 0000–9999.
func jsDate(t time.Time) string {
	t = t.UTC().Truncate(time.Millisecond)
	if y := t.Year(); y < 0 || y > 9999 {
		sign := "+"
		if y < 0 {
			sign, y = "-", -y
		}
		ys := strconv.Itoa(y)
		ys = strings.Repeat("0", max(0, 6-len(ys))) + ys
		return sign + ys + t.Format("-01-02T15:04:05.000Z")
	}
	return t.Format("2006-01-02T15:04:05.000Z")
}

// compareKeys orders map keys as a JavaScript object orders its
// properties (jsval.CompareKeys; the HTML writer orders styles the same way).
func compareKeys(a, b string) int { return jsval.CompareKeys(a, b) }

// mayBeIndex reports whether k could be an array-index key, which
// compareKeys puts first: one starting with a decimal digit. Keys that
// cannot are in plain string order, which the encoder sorts by without
// asking compareKeys (it parses each key it compares).
func mayBeIndex(k string) bool { return k != "" && k[0] >= '0' && k[0] <= '9' }

// enter marks a map or slice as being written, so that one that contains
// itself fails instead of recursing forever; leave(p) unmarks it.
func (e *Encoder) enter(rv reflect.Value, t reflect.Type) (p uintptr, err error) {
	p = rv.Pointer()
	if !e.enterPointer(p) {
		return 0, e.fail(t, "is part of a cycle and cannot be sent to the client")
	}
	return p, nil
}

// enteredLinear is how many of the values being written (the maps,
// slices and pointers from the row's root down) are looked up by
// scanning e.entered: values are seldom nested deeper, and a scan costs
// less than a map. Deeper ones are also kept in e.seen.
const enteredLinear = 16

// enterPointer marks p as being written, or reports false when it is
// already: a cycle. Each call that returns true is undone by leave(p),
// innermost first.
func (e *Encoder) enterPointer(p uintptr) bool {
	for _, q := range e.entered[:min(len(e.entered), enteredLinear)] {
		if q == p {
			return false
		}
	}
	if len(e.entered) >= enteredLinear {
		if e.seen[p] {
			return false
		}
		if e.seen == nil {
			e.seen = map[uintptr]bool{}
		}
		e.seen[p] = true
	}
	e.entered = append(e.entered, p)
	return true
}

// leave undoes the last enterPointer, of p.
func (e *Encoder) leave(p uintptr) {
	e.entered = e.entered[:len(e.entered)-1]
	if len(e.entered) >= enteredLinear {
		delete(e.seen, p)
	}
}

// Map is written as a JavaScript Map ("$Q<id>", its entries in a row of
// their own), in the order of its entries. Keys and values may be any
// value the encoder takes, as the keys of a JavaScript Map may. A nil Map
// is null.
type Map []MapEntry

// MapEntry is one key/value pair of a Map.
type MapEntry struct {
	Key, Value any
}

// Set is written as a JavaScript Set ("$W<id>", its values in a row of
// their own), in order. A nil Set is null.
type Set []any

// Null is written as null. A nil attribute of a host element is left out
// of the element's props; Null keeps it, as JSX's title={null} does.
type Null struct{}

// TemporaryReference is implemented by the temporary references of an
// action call (internal/reply): opaque values the browser sent in place
// of something it cannot serialise (an element, a class instance, a
// function). Written anywhere in the answer, one becomes "$T<id>", which
// React's client turns back into the original value of the caller.
// Only the answer to the call that sent it can carry one: React's client
// looks it up in that call's temporary reference set.
type TemporaryReference interface {
	TemporaryReferenceID() string
}

func (e *Encoder) temporaryReference(b []byte, v TemporaryReference) ([]byte, error) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(b, "null"...), nil
	}
	if e.plain {
		return nil, e.fail(reflect.TypeOf(v), "cannot be a bound argument of a form action: a temporary reference only means something to the caller")
	}
	return jsonx.AppendString(b, "$T"+v.TemporaryReferenceID()), nil
}

// jsMap writes m's entries as a row of their own and refers to it.
func (e *Encoder) jsMap(b []byte, m Map) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	if ref := e.rememberOutlined(reflect.ValueOf(m)); ref != "" {
		return jsonx.AppendString(b, ref), nil
	}
	if e.plain {
		return nil, e.fail(reflect.TypeOf(m), "cannot be a bound argument of a form action: only plain data can be")
	}
	id := e.alloc() // React outlines the entries as a task of its own
	st := e.beginRow(id, true)
	defer e.endRow(st)
	row := []byte{'['}
	for i, en := range m {
		if i > 0 {
			row = append(row, ',')
		}
		row = append(row, '[')
		e.pushIndex(i)
		var err error
		for j, x := range [2]any{en.Key, en.Value} {
			if j > 0 {
				row = append(row, ',')
			}
			e.pushIndex(j)
			e.path = append(e.path, strconv.Itoa(i), [2]string{"key", "value"}[j])
			row, err = e.value(row, x)
			e.path = e.path[:len(e.path)-2]
			e.pop()
			if err != nil {
				e.pop()
				return nil, err
			}
		}
		e.pop()
		row = append(row, ']')
	}
	row = append(row, ']')
	e.models = appendRowStart(e.models, id)
	e.models = append(e.models, row...)
	e.models = append(e.models, '\n')
	return appendRef(b, "$Q", id), nil
}

// jsSet writes s's values as a row of their own and refers to it.
func (e *Encoder) jsSet(b []byte, s Set) ([]byte, error) {
	if s == nil {
		return append(b, "null"...), nil
	}
	if ref := e.rememberOutlined(reflect.ValueOf(s)); ref != "" {
		return jsonx.AppendString(b, ref), nil
	}
	if e.plain {
		return nil, e.fail(reflect.TypeOf(s), "cannot be a bound argument of a form action: only plain data can be")
	}
	id := e.alloc()
	st := e.beginRow(id, true)
	defer e.endRow(st)
	row := []byte{'['}
	for i, x := range s {
		if i > 0 {
			row = append(row, ',')
		}
		e.pushIndex(i)
		e.path = append(e.path, strconv.Itoa(i))
		var err error
		row, err = e.value(row, x)
		e.path = e.path[:len(e.path)-1]
		e.pop()
		if err != nil {
			return nil, err
		}
	}
	row = append(row, ']')
	e.models = appendRowStart(e.models, id)
	e.models = append(e.models, row...)
	e.models = append(e.models, '\n')
	return appendRef(b, "$W", id), nil
}
