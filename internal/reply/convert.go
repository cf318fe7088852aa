package reply

import (
	"encoding"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// ConvertError says which argument (and which part of it) did not have
// the type the Go function declares.
type ConvertError struct {
	Path     string // "title", "1.items.0"
	Expected string // the Go type
	Got      string // what the client sent
}

func (e *ConvertError) Error() string {
	return fmt.Sprintf("gorsc: action argument %s: expected %s, got %s", e.Path, e.Expected, e.Got)
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
)

// Convert turns a decoded value into a value of type t. path names the
// value in errors. It never returns a partially converted value.
func Convert(v any, t reflect.Type, path string) (reflect.Value, error) {
	out := reflect.New(t).Elem()
	if err := convertInto(out, v, path, 0); err != nil {
		return reflect.Value{}, err
	}
	return out, nil
}

func mismatch(t reflect.Type, v any, path string) error {
	return &ConvertError{Path: path, Expected: t.String(), Got: typeName(v)}
}

func convertInto(dst reflect.Value, v any, path string, depth int) error {
	if depth > 128 {
		return &ConvertError{Path: path, Expected: dst.Type().String(), Got: "a value nested too deeply"}
	}
	t := dst.Type()
	if _, undef := v.(Undefined); undef {
		v = nil
	}
	switch t {
	case anyT:
		if v != nil {
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
	case filePtr, mapPtr, setPtr, typedPtr, serverRef:
		if v == nil || reflect.TypeOf(v) != t {
			return mismatch(t, v, path)
		}
		dst.Set(reflect.ValueOf(v))
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
			return &ConvertError{Path: path, Expected: t.String(), Got: fmt.Sprintf("%q (%v)", truncate(s), err)}
		}
		return nil
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
		if err := convertInto(p.Elem(), v, path, depth+1); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.Slice:
		var arr []any
		switch x := v.(type) {
		case []any:
			arr = x
		case *Set:
			arr = x.Values
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
		for i, x := range arr {
			if err := convertInto(s.Index(i), x, path+"."+strconv.Itoa(i), depth+1); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case reflect.Map:
		if jm, ok := v.(*Map); ok {
			return convertMap(dst, jm, path, depth)
		}
		if t.Key().Kind() != reflect.String {
			return &ConvertError{Path: path, Expected: t.String(), Got: "an object (only maps with string keys can receive objects)"}
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return mismatch(t, v, path)
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		for k, x := range obj {
			ev := reflect.New(t.Elem()).Elem()
			if err := convertInto(ev, x, path+"."+k, depth+1); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(m)
		return nil
	case reflect.Struct:
		switch x := v.(type) {
		case map[string]any:
			return convertStruct(dst, x, path, depth)
		case *FormData:
			return bindForm(dst, x, path)
		}
		return mismatch(t, v, path)
	}
	return &ConvertError{Path: path, Expected: t.String(), Got: typeName(v) + " (this Go type cannot receive action arguments)"}
}

// convertMap fills a Go map from a JavaScript Map; keys convert to the
// map's key type like any other value.
func convertMap(dst reflect.Value, jm *Map, path string, depth int) error {
	t := dst.Type()
	m := reflect.MakeMapWithSize(t, len(jm.Entries))
	for i, e := range jm.Entries {
		p := path + "." + strconv.Itoa(i)
		kv := reflect.New(t.Key()).Elem()
		if err := convertInto(kv, e.Key, p+".key", depth+1); err != nil {
			return err
		}
		if !kv.Comparable() {
			return &ConvertError{Path: p + ".key", Expected: t.Key().String(), Got: typeName(e.Key) + " (not usable as a Go map key)"}
		}
		ev := reflect.New(t.Elem()).Elem()
		if err := convertInto(ev, e.Value, p+".value", depth+1); err != nil {
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

func convertStruct(dst reflect.Value, obj map[string]any, path string, depth int) error {
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
		if err := convertInto(dst.Field(i), x, path+"."+name, depth+1); err != nil {
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
			return &ConvertError{Path: path, Expected: t.String(), Got: fmt.Sprintf("%q", truncate(s))}
		}
		return nil
	}
	bad := func() error {
		return &ConvertError{Path: path, Expected: t.String(), Got: fmt.Sprintf("%q", truncate(s))}
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
		return &ConvertError{Path: path, Expected: t.String(), Got: "a form field (this Go type cannot be bound from a form)"}
	}
	return nil
}
