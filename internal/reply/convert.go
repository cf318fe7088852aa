package reply

import (
	"bytes"
	"encoding"
	"fmt"
	"io"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ConvertError says which argument (and which part of it) did not have
// the type the Go function declares, in the types the function was
// written with.
type ConvertError struct {
	Arg      int    // position of the argument, from 1 (after the context); 0 when unknown
	Param    string // the parameter's type as the function declares it ("*gorsc.FormData", "todo.Input")
	Path     string // where: the argument's position, then fields and indexes ("2.items.0.title")
	Expected string // the Go type at Path
	Got      string // what the client sent
	Hint     string // what to do about it, when there is a likely fix
}

func (e *ConvertError) Error() string {
	var b strings.Builder
	b.WriteString("gorsc: action argument ")
	if e.Arg > 0 {
		arg := strconv.Itoa(e.Arg)
		b.WriteString(arg)
		if e.Param != "" {
			b.WriteString(" (" + e.Param + ")")
		}
		if rest := strings.TrimPrefix(strings.TrimPrefix(e.Path, arg), "."); rest != "" {
			b.WriteString(" at " + rest)
		}
	} else {
		b.WriteString(e.Path)
	}
	fmt.Fprintf(&b, ": expected %s, got %s", e.Expected, e.Got)
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

var (
	formDataPtr = reflect.TypeFor[*FormData]()
	filePtr     = reflect.TypeFor[*File]()
	timeT       = reflect.TypeFor[time.Time]()
	bigIntPtr   = reflect.TypeFor[*big.Int]()
	anyT        = reflect.TypeFor[any]()
	textUnmarsh = reflect.TypeFor[encoding.TextUnmarshaler]()
	mapPtr      = reflect.TypeFor[*Map]()
	setPtr      = reflect.TypeFor[*Set]()
	typedPtr    = reflect.TypeFor[*TypedArray]()
	serverRef   = reflect.TypeFor[*ServerRef]()
	streamPtr   = reflect.TypeFor[*Stream]()
	tempRefPtr  = reflect.TypeFor[*TemporaryReference]()
	readerT     = reflect.TypeFor[io.Reader]()
)

// Type names in errors. The types of this package reach users under the
// names the public package gives them (gorsc.FormData is reply.FormData):
// errors use those, never the internal ones.
var (
	publicMu    sync.RWMutex
	publicNames = map[reflect.Type]string{
		reflect.TypeFor[FormData]():           "gorsc.FormData",
		reflect.TypeFor[File]():               "gorsc.File",
		reflect.TypeFor[Map]():                "gorsc.ArgMap",
		reflect.TypeFor[Set]():                "gorsc.ArgSet",
		reflect.TypeFor[TypedArray]():         "gorsc.TypedArray",
		reflect.TypeFor[ServerRef]():          "gorsc.ServerRef",
		reflect.TypeFor[Stream]():             "gorsc.Stream",
		reflect.TypeFor[TemporaryReference](): "gorsc.TemporaryReference",
	}
)

// SetPublicName sets the name errors give type t (a type of this package
// exported under another name), such as "gorsc.FormData".
func SetPublicName(t reflect.Type, name string) {
	publicMu.Lock()
	defer publicMu.Unlock()
	publicNames[t] = name
}

// TypeName returns t as the user wrote it: like t.String(), with the
// types of this package under their public names ("*gorsc.FormData",
// "map[string][]*gorsc.File").
func TypeName(t reflect.Type) string {
	publicMu.RLock()
	name, ok := publicNames[t]
	publicMu.RUnlock()
	if ok {
		return name
	}
	if t.Name() != "" {
		return t.String()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + TypeName(t.Elem())
	case reflect.Slice:
		return "[]" + TypeName(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + TypeName(t.Elem())
	case reflect.Map:
		return "map[" + TypeName(t.Key()) + "]" + TypeName(t.Elem())
	case reflect.Chan:
		switch t.ChanDir() {
		case reflect.RecvDir:
			return "<-chan " + TypeName(t.Elem())
		case reflect.SendDir:
			return "chan<- " + TypeName(t.Elem())
		}
		return "chan " + TypeName(t.Elem())
	}
	return t.String()
}

// Convert turns a decoded value into a value of type t. path names the
// value in errors. It never returns a partially converted value.
//
// A decoded value that contains itself (a cycle sent by encodeReply)
// converts into pointers, maps and slices, which can hold a cycle in Go:
// the same decoded object converts to the same Go pointer, map or slice
// wherever it occurs, so identity is kept. Into a struct or array held by
// value it fails.
func Convert(v any, t reflect.Type, path string) (reflect.Value, error) {
	out := reflect.New(t).Elem()
	c := &converter{}
	if err := c.convertInto(out, v, path, 0); err != nil {
		return reflect.Value{}, err
	}
	return out, nil
}

// ConvertArg is Convert for argument pos (from 1, after the context) of
// an action: errors carry the position and the parameter's type.
func ConvertArg(v any, t reflect.Type, pos int) (reflect.Value, error) {
	out, err := Convert(v, t, strconv.Itoa(pos))
	if ce, ok := err.(*ConvertError); ok {
		ce.Arg, ce.Param = pos, TypeName(t)
		if ce.Hint == "" && v == nil {
			ce.Hint = "the caller sent fewer arguments than the function takes, or null"
		}
	}
	return out, err
}

func mismatch(t reflect.Type, v any, path string) error {
	e := &ConvertError{Path: path, Expected: TypeName(t), Got: typeName(v)}
	if t == formDataPtr {
		e.Hint = "the action was called without a form: call it from a <form action> or with a FormData, or declare the parameter with the type of the data it is called with"
	}
	return e
}

// converter converts one argument, remembering the decoded objects it
// has converted, so that a value that contains itself converts to a Go
// value that does.
type converter struct {
	memo   map[memoKey]reflect.Value // decoded object and Go type -> the pointer, map or slice made for it
	active map[memoKey]bool          // decoded objects being converted into a struct or array
}

type memoKey struct {
	id uintptr
	t  reflect.Type
}

func (c *converter) convertInto(dst reflect.Value, v any, path string, depth int) error {
	if depth > 128 {
		return &ConvertError{Path: path, Expected: TypeName(dst.Type()), Got: "a value nested too deeply"}
	}
	t := dst.Type()
	if _, undef := v.(Undefined); undef {
		v = nil
	}
	switch t {
	case anyT:
		if v != nil {
			// An object already converted to its own type in this
			// argument (a []any or map[string]any parameter holding
			// itself) is that converted value, so that the cycle stays.
			if done, ok := c.memo[memoKey{containerID(v), reflect.TypeOf(v)}]; ok {
				dst.Set(done)
				return nil
			}
			dst.Set(reflect.ValueOf(v))
		}
		return nil
	case formDataPtr:
		fd, ok := v.(*FormData)
		if !ok {
			return mismatch(t, v, path)
		}
		dst.Set(reflect.ValueOf(fd))
		return nil
	case filePtr, mapPtr, setPtr, typedPtr, serverRef, streamPtr, tempRefPtr:
		if v == nil || reflect.TypeOf(v) != t {
			return mismatch(t, v, path)
		}
		dst.Set(reflect.ValueOf(v))
		return nil
	case readerT:
		var r io.Reader
		switch x := v.(type) {
		case *Stream:
			if data, ok := x.Bytes(); ok {
				r = bytes.NewReader(data)
			}
		case *TypedArray:
			r = bytes.NewReader(x.Data)
		case *File:
			data, err := x.Bytes()
			if err != nil {
				return &ConvertError{Path: path, Expected: TypeName(t), Got: "a Blob that cannot be read: " + err.Error()}
			}
			r = bytes.NewReader(data)
		case string:
			r = strings.NewReader(x)
		}
		if r == nil {
			return mismatch(t, v, path)
		}
		dst.Set(reflect.ValueOf(r))
		return nil
	case timeT:
		switch x := v.(type) {
		case time.Time:
			dst.Set(reflect.ValueOf(x))
			return nil
		case string:
			tm, err := time.Parse(time.RFC3339Nano, x)
			if err != nil {
				return mismatch(t, v, path)
			}
			dst.Set(reflect.ValueOf(tm))
			return nil
		}
		return mismatch(t, v, path)
	case bigIntPtr:
		switch x := v.(type) {
		case *big.Int:
			dst.Set(reflect.ValueOf(x))
			return nil
		case float64:
			if x == math.Trunc(x) && !math.IsInf(x, 0) {
				n, _ := new(big.Float).SetFloat64(x).Int(nil)
				dst.Set(reflect.ValueOf(n))
				return nil
			}
		}
		return mismatch(t, v, path)
	}
	if v == nil {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			return nil // stays nil
		}
		return mismatch(t, v, path)
	}
	if reflect.PointerTo(t).Implements(textUnmarsh) && t.Kind() != reflect.String {
		s, ok := v.(string)
		if !ok {
			return mismatch(t, v, path)
		}
		if err := dst.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return &ConvertError{Path: path, Expected: TypeName(t), Got: fmt.Sprintf("%q (%v)", truncate(s), err)}
		}
		return nil
	}
	key := memoKey{containerID(v), t}
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if key.id != 0 {
			if done, ok := c.memo[key]; ok {
				dst.Set(done)
				return nil
			}
		}
	case reflect.Struct, reflect.Array:
		if key.id != 0 {
			if c.active[key] {
				return &ConvertError{Path: path, Expected: TypeName(t), Got: "a value that contains itself (a struct held by value cannot: use a pointer, *" + TypeName(t) + ")"}
			}
			if c.active == nil {
				c.active = map[memoKey]bool{}
			}
			c.active[key] = true
			defer delete(c.active, key)
		}
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return mismatch(t, v, path)
		}
		dst.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return mismatch(t, v, path)
		}
		dst.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := integer(v)
		if !ok || dst.OverflowInt(n) {
			return mismatch(t, v, path)
		}
		dst.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := integer(v)
		if !ok || n < 0 || dst.OverflowUint(uint64(n)) {
			return mismatch(t, v, path)
		}
		dst.SetUint(uint64(n))
		return nil
	case reflect.Float32, reflect.Float64:
		f, ok := v.(float64)
		if !ok || (!math.IsInf(f, 0) && dst.OverflowFloat(f)) {
			return mismatch(t, v, path)
		}
		dst.SetFloat(f)
		return nil
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		c.remember(key, p)
		if err := c.convertInto(p.Elem(), v, path, depth+1); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.Func:
		if s, ok := v.(*Stream); ok && isSeq(t) {
			return c.seq(dst, s, path, depth)
		}
	case reflect.Chan:
		if s, ok := v.(*Stream); ok && t.ChanDir()&reflect.RecvDir != 0 {
			ch := reflect.MakeChan(reflect.ChanOf(reflect.BothDir, t.Elem()), len(s.Items))
			for i, x := range s.Items {
				ev := reflect.New(t.Elem()).Elem()
				if err := c.convertInto(ev, x, path+"."+strconv.Itoa(i), depth+1); err != nil {
					return err
				}
				ch.Send(ev)
			}
			ch.Close()
			dst.Set(ch.Convert(t))
			return nil
		}
	case reflect.Slice:
		var arr []any
		switch x := v.(type) {
		case []any:
			arr = x
		case *Set:
			arr = x.Values
		case *Stream:
			if t.Elem().Kind() == reflect.Uint8 {
				data, ok := x.Bytes()
				if !ok {
					return mismatch(t, v, path)
				}
				b := reflect.MakeSlice(t, len(data), len(data))
				reflect.Copy(b, reflect.ValueOf(data))
				dst.Set(b)
				return nil
			}
			arr = x.Items
		case *TypedArray:
			if t.Elem().Kind() != reflect.Uint8 {
				return mismatch(t, v, path)
			}
			b := reflect.MakeSlice(t, len(x.Data), len(x.Data))
			reflect.Copy(b, reflect.ValueOf(x.Data))
			dst.Set(b)
			return nil
		default:
			return mismatch(t, v, path)
		}
		s := reflect.MakeSlice(t, len(arr), len(arr))
		c.remember(key, s)
		for i, x := range arr {
			if err := c.convertInto(s.Index(i), x, path+"."+strconv.Itoa(i), depth+1); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case reflect.Map:
		if jm, ok := v.(*Map); ok {
			return c.convertMap(dst, jm, path, depth)
		}
		if t.Key().Kind() != reflect.String {
			return &ConvertError{Path: path, Expected: TypeName(t), Got: "an object (only maps with string keys can receive objects)"}
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return mismatch(t, v, path)
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		c.remember(key, m)
		for k, x := range obj {
			ev := reflect.New(t.Elem()).Elem()
			if err := c.convertInto(ev, x, path+"."+k, depth+1); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(m)
		return nil
	case reflect.Struct:
		switch x := v.(type) {
		case map[string]any:
			return c.convertStruct(dst, x, path, depth)
		case *FormData:
			return bindForm(dst, x, path)
		}
		return mismatch(t, v, path)
	}
	return &ConvertError{Path: path, Expected: TypeName(t), Got: typeName(v) + " (this Go type cannot receive action arguments)"}
}

// remember records the Go value made for decoded object key.id.
func (c *converter) remember(key memoKey, v reflect.Value) {
	if key.id == 0 {
		return
	}
	if c.memo == nil {
		c.memo = map[memoKey]reflect.Value{}
	}
	c.memo[key] = v
}

// isSeq reports whether t has the shape of iter.Seq[T]: func(func(T) bool).
func isSeq(t reflect.Type) bool {
	if t.NumIn() != 1 || t.NumOut() != 0 {
		return false
	}
	y := t.In(0)
	return y.Kind() == reflect.Func && y.NumIn() == 1 && y.NumOut() == 1 && y.Out(0).Kind() == reflect.Bool
}

// seq makes an iter.Seq[T] over a stream's items, converted first (so
// that a bad item fails the call before it starts).
func (c *converter) seq(dst reflect.Value, s *Stream, path string, depth int) error {
	t := dst.Type()
	elem := t.In(0).In(0)
	items := make([]reflect.Value, len(s.Items))
	for i, x := range s.Items {
		items[i] = reflect.New(elem).Elem()
		if err := c.convertInto(items[i], x, path+"."+strconv.Itoa(i), depth+1); err != nil {
			return err
		}
	}
	dst.Set(reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		yield := args[0]
		for _, it := range items {
			if !yield.Call([]reflect.Value{it})[0].Bool() {
				break
			}
		}
		return nil
	}))
	return nil
}

// convertMap fills a Go map from a JavaScript Map; keys convert to the
// map's key type like any other value.
func (c *converter) convertMap(dst reflect.Value, jm *Map, path string, depth int) error {
	t := dst.Type()
	m := reflect.MakeMapWithSize(t, len(jm.Entries))
	for i, e := range jm.Entries {
		p := path + "." + strconv.Itoa(i)
		kv := reflect.New(t.Key()).Elem()
		if err := c.convertInto(kv, e.Key, p+".key", depth+1); err != nil {
			return err
		}
		if !kv.Comparable() {
			return &ConvertError{Path: p + ".key", Expected: TypeName(t.Key()), Got: typeName(e.Key) + " (not usable as a Go map key)"}
		}
		ev := reflect.New(t.Elem()).Elem()
		if err := c.convertInto(ev, e.Value, p+".value", depth+1); err != nil {
			return err
		}
		m.SetMapIndex(kv, ev)
	}
	dst.Set(m)
	return nil
}

func integer(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return 0, false
		}
		return int64(x), true
	case *big.Int:
		if !x.IsInt64() {
			return 0, false
		}
		return x.Int64(), true
	}
	return 0, false
}

// jsonName returns the name a struct field receives values under.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

func (c *converter) convertStruct(dst reflect.Value, obj map[string]any, path string, depth int) error {
	t := dst.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, ok := jsonName(f)
		if !ok {
			continue
		}
		x, ok := obj[name]
		if !ok {
			// encoding/json matches names case-insensitively; do the same.
			for k, v := range obj {
				if strings.EqualFold(k, name) {
					x, ok = v, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		if err := c.convertInto(dst.Field(i), x, path+"."+name, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// bindForm fills a struct from form fields: each exported field takes the
// field named by its `form` tag (or json tag, or Go name). Strings are
// converted to the field's type; slices take every value of the name.
func bindForm(dst reflect.Value, fd *FormData, path string) error {
	t := dst.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Tag.Get("form")
		if name == "-" {
			continue
		}
		if name == "" {
			var ok bool
			if name, ok = jsonName(f); !ok {
				continue
			}
		}
		fv := dst.Field(i)
		p := path + "." + name
		if fv.Type() == filePtr {
			if file := fd.File(name); file != nil {
				fv.Set(reflect.ValueOf(file))
			}
			continue
		}
		vals := fd.Values(name)
		if len(vals) == 0 {
			continue
		}
		if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() != reflect.Uint8 {
			s := reflect.MakeSlice(fv.Type(), len(vals), len(vals))
			for j, v := range vals {
				if err := setFromString(s.Index(j), v, p+"."+strconv.Itoa(j)); err != nil {
					return err
				}
			}
			fv.Set(s)
			continue
		}
		if err := setFromString(fv, vals[0], p); err != nil {
			return err
		}
	}
	return nil
}

func setFromString(dst reflect.Value, s, path string) error {
	t := dst.Type()
	if reflect.PointerTo(t).Implements(textUnmarsh) {
		if err := dst.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return &ConvertError{Path: path, Expected: TypeName(t), Got: fmt.Sprintf("%q", truncate(s))}
		}
		return nil
	}
	bad := func() error {
		return &ConvertError{Path: path, Expected: TypeName(t), Got: fmt.Sprintf("%q", truncate(s))}
	}
	switch t.Kind() {
	case reflect.String:
		dst.SetString(s)
	case reflect.Bool:
		switch s {
		case "on", "true", "1":
			dst.SetBool(true)
		case "", "off", "false", "0":
			dst.SetBool(false)
		default:
			return bad()
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, t.Bits())
		if err != nil {
			return bad()
		}
		dst.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, t.Bits())
		if err != nil {
			return bad()
		}
		dst.SetUint(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(strings.TrimSpace(s), t.Bits())
		if err != nil {
			return bad()
		}
		dst.SetFloat(f)
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := setFromString(p.Elem(), s, path); err != nil {
			return err
		}
		dst.Set(p)
	default:
		return &ConvertError{Path: path, Expected: TypeName(t), Got: "a form field (this Go type cannot be bound from a form)"}
	}
	return nil
}
