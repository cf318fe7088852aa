package flight

import (
	"reflect"
	"strconv"
	"strings"
)

// Objects written by reference.
//
// React's Flight server remembers every object it writes under the path
// where it wrote it ("$0:props:user": row 0, then the keys down to it, the
// slots of an element array named type, key and props), and writes an
// object it meets again as that path. React's client resolves the path to
// the object it already decoded, so the two places hold the same object:
// identity survives, and a value that contains itself (a parent pointer)
// can be sent at all.
//
// The encoder does the same for the Go values that are objects in
// JavaScript and have an identity in Go: maps, non-empty slices, and
// structs and arrays reached through a pointer (or as slice elements),
// keyed by address and type. Values that React turns into strings before
// it sees them (time.Time and other marshalers, big.Int) are not
// remembered, nor are tree nodes: an element used twice is written twice.
//
// As in React, a path is recorded only while every key on the way from the
// row's root is free of ':' (a path cannot spell it). The root of a row
// that holds a promise's value is recorded as the row ("$<id>") when it is
// a plain object or array; a Map, Set or typed array there is not, since
// React records the JSON it wrote for it (a "$Q…" string), not the value.

// pathSeg is one step of the JSON path from the row's root: an object key,
// or an array index when key is empty and index is not negative.
type pathSeg struct {
	key    string
	index  int
	broken bool  // the key holds ':'
	node   int32 // 1 + the index in e.paths of this step once a path through it was recorded, else 0
}

type objKey struct {
	p   uintptr
	t   reflect.Type
	len int
}

func (e *Encoder) pushKey(k string) {
	e.pushField(k, strings.IndexByte(k, ':') >= 0)
}

// pushField is pushKey for a key known to hold ':' or not.
func (e *Encoder) pushField(k string, colon bool) {
	if colon {
		e.jbroken++
	}
	e.jp = append(e.jp, pathSeg{key: k, index: -1, broken: colon})
}

// pushRaw pushes steps that hold no key of the user's: "props",
// "props:children" (an element's slot, then a key of its props).
func (e *Encoder) pushRaw(steps string) {
	e.jp = append(e.jp, pathSeg{key: steps, index: -1})
}

func (e *Encoder) pushIndex(i int) {
	e.jp = append(e.jp, pathSeg{index: i})
}

func (e *Encoder) pop() {
	if e.jp[len(e.jp)-1].broken {
		e.jbroken--
	}
	e.jp = e.jp[:len(e.jp)-1]
}

// rowState is the path state saved while another row is written. The
// rows share one stack of segments: a row's path starts at base.
type rowState struct {
	id       int
	base     int
	jbroken  int
	taskRoot bool
}

// beginRow starts the path of row id; recorded reports whether objects
// below its root are remembered. endRow restores the previous row's path.
func (e *Encoder) beginRow(id int, recorded bool) rowState {
	s := rowState{e.rowID, e.base, e.jbroken, e.taskRoot}
	e.rowID, e.base, e.jbroken, e.taskRoot = id, len(e.jp), 0, false
	if !recorded {
		e.jbroken = 1
	}
	return s
}

// beginTaskRow starts the row of a promise's value (or of bound
// arguments, which React sends as a promise).
func (e *Encoder) beginTaskRow(id int) rowState {
	s := e.beginRow(id, true)
	e.taskRoot = true
	return s
}

func (e *Encoder) endRow(s rowState) {
	e.jp = e.jp[:e.base]
	e.rowID, e.base, e.jbroken, e.taskRoot = s.id, s.base, s.jbroken, s.taskRoot
}

// rememberOutlined is remember for a value written as a reference to a row
// of its own (a Map, a Set, binary data).
func (e *Encoder) rememberOutlined(rv reflect.Value) string {
	if e.taskRoot && len(e.jp) == e.base {
		return e.lookup(rv)
	}
	return e.remember(rv)
}

// recordedPath is where an object was written: row, and the last step
// of its path from the row's root (pathNode), 0 at the root itself. The
// reference string is made only when the object is met again, which few
// are.
type recordedPath struct {
	row  int
	node int32
}

// pathNode is one step of a recorded path, linked to the step before it:
// the recorded paths form a tree in e.paths, so that objects written side
// by side (the style maps of a list of elements) share the steps down to
// their parent, and recording one costs the steps new since the last,
// not the whole depth.
type pathNode struct {
	key    string
	index  int   // as in pathSeg
	parent int32 // 1 + the index in e.paths of the step before, 0 at the row's root
}

// record returns the current position as a recordedPath, adding to
// e.paths the steps of the path not yet there. A step of e.jp that is
// in e.paths knows its node (pathSeg.node), and so do all the steps
// below it: a step pushed again (a new key) starts with none.
func (e *Encoder) record() recordedPath {
	i := len(e.jp)
	for i > e.base && e.jp[i-1].node == 0 {
		i--
	}
	var parent int32
	if i > e.base {
		parent = e.jp[i-1].node
	}
	for ; i < len(e.jp); i++ {
		s := &e.jp[i]
		e.paths = append(e.paths, pathNode{key: s.key, index: s.index, parent: parent})
		parent = int32(len(e.paths))
		s.node = parent
	}
	return recordedPath{row: e.rowID, node: parent}
}

// ref returns the reference to a recorded position: "$<row>:k:…".
func (e *Encoder) ref(p recordedPath) string {
	var buf [16]int32
	steps := buf[:0]
	for n := p.node; n != 0; n = e.paths[n-1].parent {
		steps = append(steps, n)
	}
	b := make([]byte, 0, 32)
	b = append(b, '$')
	b = appendHex(b, p.row)
	for i := len(steps) - 1; i >= 0; i-- {
		s := &e.paths[steps[i]-1]
		b = append(b, ':')
		if s.index >= 0 {
			b = strconv.AppendInt(b, int64(s.index), 10)
		} else {
			b = append(b, s.key...)
		}
	}
	return string(b)
}

// objectKey returns the identity of rv when it is a value React would
// remember as an object: see the comment at the top of this file.
func objectKey(rv reflect.Value) (objKey, bool) {
	switch rv.Kind() {
	case reflect.Map:
		if rv.IsNil() {
			return objKey{}, false
		}
		return objKey{p: uintptr(rv.UnsafePointer()), t: rv.Type()}, true
	case reflect.Slice:
		if rv.Len() == 0 || rv.Type().Elem().Size() == 0 {
			return objKey{}, false
		}
		return objKey{p: uintptr(rv.UnsafePointer()), t: rv.Type(), len: rv.Len()}, true
	case reflect.Struct, reflect.Array:
		if !rv.CanAddr() || rv.Type().Size() == 0 {
			return objKey{}, false
		}
		return objKey{p: rv.Addr().Pointer(), t: rv.Type()}, true
	}
	return objKey{}, false
}

// lookup returns the reference to rv when it was written before, or "".
func (e *Encoder) lookup(rv reflect.Value) string {
	if e.plain || len(e.jp) == e.noRecordAt || len(e.objects) == 0 {
		return ""
	}
	k, ok := objectKey(rv)
	if !ok {
		return ""
	}
	if p, ok := e.objects[k]; ok {
		return e.ref(p)
	}
	return ""
}

// remember looks rv up among the objects written so far. When found it
// returns the path reference to write instead of the value. Otherwise it
// records rv's path (when the path can be recorded) and returns "".
func (e *Encoder) remember(rv reflect.Value) string {
	if e.plain || len(e.jp) == e.noRecordAt {
		return ""
	}
	k, ok := objectKey(rv)
	if !ok {
		return ""
	}
	if p, ok := e.objects[k]; ok {
		return e.ref(p)
	}
	if e.jbroken == 0 {
		if e.objects == nil {
			e.objects = map[objKey]recordedPath{}
		}
		e.objects[k] = e.record()
	}
	return ""
}
