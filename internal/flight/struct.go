package flight

import (
	"reflect"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/jsonx"
)

// structField is one exported field as encoding/json would see it.
type structField struct {
	name      string
	colon     bool // name holds ':' (dedupe.go)
	index     []int
	omitEmpty bool
	omitZero  bool
}

var structCache sync.Map // reflect.Type -> []structField

// fieldsOf lists the fields of t that encoding/json would write, honouring
// `json:"name,omitempty,omitzero"` and `json:"-"` tags and promoting the
// fields of embedded structs.
func fieldsOf(t reflect.Type) []structField {
	if f, ok := structCache.Load(t); ok {
		return f.([]structField)
	}
	var out []structField
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, idx)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			out = append(out, structField{
				name:      name,
				colon:     strings.IndexByte(name, ':') >= 0,
				index:     idx,
				omitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
				omitZero:  strings.Contains(","+opts+",", ",omitzero,"),
			})
		}
	}
	walk(t, nil)
	structCache.Store(t, out)
	return out
}

func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func (e *Encoder) structValue(b []byte, rv reflect.Value) ([]byte, error) {
	b = append(b, '{')
	first := true
	for _, f := range fieldsOf(rv.Type()) {
		fv, ok := fieldByIndex(rv, f.index)
		if !ok {
			continue
		}
		if (f.omitEmpty && isEmptyValue(fv)) || (f.omitZero && fv.IsZero()) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = jsonx.AppendString(b, f.name)
		b = append(b, ':')
		e.path = append(e.path, f.name)
		e.pushField(f.name, f.colon)
		var err error
		b, err = e.reflectValue(b, fv)
		e.pop()
		e.path = e.path[:len(e.path)-1]
		if err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// fieldByIndex is reflect.Value.FieldByIndex that reports false instead of
// panicking on a nil embedded pointer.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}
