package reply

import (
	"errors"
	"math"
	"math/big"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"
)

type todo struct {
	Title string   `json:"title"`
	Done  bool     `json:"done"`
	Tags  []string `json:"tags,omitempty"`
	Note  *string  `json:"note"`
	Skip  string   `json:"-"`
	Count int
	inner int
}

type signup struct {
	Email   string     `form:"email"`
	Age     int        `form:"age"`
	Agree   bool       `form:"agree"`
	Score   float64    `form:"score"`
	Tags    []string   `form:"tag"`
	IDs     []int      `form:"id"`
	Avatar  *File      `form:"avatar"`
	Nick    *string    `form:"nick"`
	Ignored string     `form:"-"`
	ByJSON  string     `json:"by_json"`
	Addr    netip.Addr `form:"addr"`
}

func TestConvert(t *testing.T) {
	date := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	bigN, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	fd := NewFormData(Entry{Name: "x", Value: "1"})
	file := NewFile("a.txt", "text/plain", []byte("hi"))
	jsMap := &Map{Entries: []MapEntry{{Key: "a", Value: 1.0}, {Key: "b", Value: 2.0}}}
	numMap := &Map{Entries: []MapEntry{{Key: 1.0, Value: "one"}, {Key: 2.0, Value: "two"}}}
	note := "n"

	ok := []struct {
		name string
		v    any
		want any
	}{
		{"string", "hi", "hi"},
		{"empty string", "", ""},
		{"int", 42.0, 42},
		{"negative int", -7.0, -7},
		{"int8 max", 127.0, int8(127)},
		{"uint16", 65535.0, uint16(65535)},
		{"int64 from bigint", big.NewInt(1 << 40), int64(1 << 40)},
		{"int from 2^53", float64(1 << 53), 1 << 53},
		{"float64", 1.5, 1.5},
		{"float64 Infinity", math.Inf(1), math.Inf(1)},
		{"float32", 0.5, float32(0.5)},
		{"bool", true, true},
		{"slice of strings", []any{"a", "b"}, []string{"a", "b"}},
		{"slice of ints", []any{1.0, 2.0}, []int{1, 2}},
		{"nested slices", []any{[]any{1.0}, []any{}}, [][]int{{1}, {}}},
		{"slice from Set", &Set{Values: []any{"x", "y"}}, []string{"x", "y"}},
		{"bytes from Uint8Array", &TypedArray{Type: "Uint8Array", Data: []byte{1, 2}}, []byte{1, 2}},
		{"map of string to int", map[string]any{"a": 1.0}, map[string]int{"a": 1}},
		{"map from JS Map", jsMap, map[string]int{"a": 1, "b": 2}},
		{"int-keyed map from JS Map", numMap, map[int]string{1: "one", 2: "two"}},
		{"JS Map as *Map", jsMap, jsMap},
		{"struct by json tags", map[string]any{"title": "t", "done": true, "tags": []any{"x"}, "note": "n", "Skip": "no", "count": 3.0},
			todo{Title: "t", Done: true, Tags: []string{"x"}, Note: &note, Count: 3}},
		{"struct ignores unknown keys", map[string]any{"title": "t", "extra": 1.0}, todo{Title: "t"}},
		{"pointer to struct", map[string]any{"title": "p"}, &todo{Title: "p"}},
		{"time from Date", date, date},
		{"time from ISO string", "2024-02-29T12:00:00Z", date},
		{"big.Int", bigN, bigN},
		{"big.Int from integer number", 12.0, big.NewInt(12)},
		{"FormData", fd, fd},
		{"File", file, file},
		{"TextUnmarshaler", "127.0.0.1", netip.MustParseAddr("127.0.0.1")},
		{"object to map[string]any", map[string]any{"k": 1.0}, any(map[string]any{"k": 1.0})},
		{"nil to pointer", nil, (*todo)(nil)},
		{"nil to slice", nil, []int(nil)},
		{"nil to map", nil, map[string]int(nil)},
		{"undefined to pointer", Undefined{}, (*int)(nil)},
		{"undefined to any", Undefined{}, any(nil)},
		{"ServerRef", &ServerRef{ID: "a#b"}, &ServerRef{ID: "a#b"}},
	}
	for _, c := range ok {
		t.Run(c.name, func(t *testing.T) {
			typ := reflect.TypeOf(&c.want).Elem()
			if c.want != nil {
				typ = reflect.TypeOf(c.want)
			}
			got, err := Convert(c.v, typ, "1")
			if err != nil {
				t.Fatalf("Convert(%#v, %s): %v", c.v, typ, err)
			}
			g := got.Interface()
			if gb, ok := g.(*big.Int); ok {
				if gb.Cmp(c.want.(*big.Int)) != 0 {
					t.Fatalf("got %v, want %v", gb, c.want)
				}
				return
			}
			if gt, ok := g.(time.Time); ok {
				if !gt.Equal(c.want.(time.Time)) {
					t.Fatalf("got %v, want %v", gt, c.want)
				}
				return
			}
			if !reflect.DeepEqual(g, c.want) {
				t.Fatalf("got %#v, want %#v", g, c.want)
			}
		})
	}

	bad := []struct {
		name     string
		v        any
		typ      reflect.Type
		path     string // the ConvertError's path
		expected string // the ConvertError's expected type
	}{
		{"number to string", 1.0, reflect.TypeFor[string](), "1", "string"},
		{"string to int", "1", reflect.TypeFor[int](), "1", "int"},
		{"non-integer float to int", 1.5, reflect.TypeFor[int](), "1", "int"},
		{"NaN to int", math.NaN(), reflect.TypeFor[int](), "1", "int"},
		{"Infinity to int", math.Inf(1), reflect.TypeFor[int64](), "1", "int64"},
		{"int8 overflow", 128.0, reflect.TypeFor[int8](), "1", "int8"},
		{"uint negative", -1.0, reflect.TypeFor[uint](), "1", "uint"},
		{"uint8 overflow", 256.0, reflect.TypeFor[uint8](), "1", "uint8"},
		{"beyond 2^53 to int64", 1e300, reflect.TypeFor[int64](), "1", "int64"},
		{"bigint too big for int64", new(big.Int).Lsh(big.NewInt(1), 70), reflect.TypeFor[int64](), "1", "int64"},
		{"float32 overflow", 1e300, reflect.TypeFor[float32](), "1", "float32"},
		{"string to bool", "true", reflect.TypeFor[bool](), "1", "bool"},
		{"null to int", nil, reflect.TypeFor[int](), "1", "int"},
		{"undefined to string", Undefined{}, reflect.TypeFor[string](), "1", "string"},
		{"element of slice", []any{1.0, "x"}, reflect.TypeFor[[]int](), "1.1", "int"},
		{"field of struct", map[string]any{"title": 5.0}, reflect.TypeFor[todo](), "1.title", "string"},
		{"nested field", map[string]any{"tags": []any{"a", true}}, reflect.TypeFor[todo](), "1.tags.1", "string"},
		{"value of map", map[string]any{"a": "x"}, reflect.TypeFor[map[string]int](), "1.a", "int"},
		{"object to int-keyed map", map[string]any{"1": 1.0}, reflect.TypeFor[map[int]int](), "1", "map[int]int"},
		{"JS Map key", numMap, reflect.TypeFor[map[string]string](), "1.0.key", "string"},
		{"JS Map unhashable key", &Map{Entries: []MapEntry{{Key: []any{}, Value: 1.0}}}, reflect.TypeFor[map[any]int](), "1.0.key", "interface {}"},
		{"array to struct", []any{}, reflect.TypeFor[todo](), "1", "reply.todo"},
		{"bad date string", "yesterday", reflect.TypeFor[time.Time](), "1", "time.Time"},
		{"number to time", 0.0, reflect.TypeFor[time.Time](), "1", "time.Time"},
		{"fraction to big.Int", 0.5, reflect.TypeFor[*big.Int](), "1", "*big.Int"},
		{"string to FormData", "x", reflect.TypeFor[*FormData](), "1", "*gorsc.FormData"},
		{"null to FormData", nil, reflect.TypeFor[*FormData](), "1", "*gorsc.FormData"},
		{"string to File", "x", reflect.TypeFor[*File](), "1", "*gorsc.File"},
		{"Float64Array to bytes", &TypedArray{Type: "Float64Array", Data: make([]byte, 8)}, reflect.TypeFor[[]int](), "1", "[]int"},
		{"bad TextUnmarshaler", "not an ip", reflect.TypeFor[netip.Addr](), "1", "netip.Addr"},
		{"channel", 1.0, reflect.TypeFor[chan int](), "1", "chan int"},
		{"func", nil, reflect.TypeFor[func()](), "1", "func()"},
		{"ServerRef from string", "a#b", reflect.TypeFor[*ServerRef](), "1", "*gorsc.ServerRef"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			got, err := Convert(c.v, c.typ, "1")
			var ce *ConvertError
			if !errors.As(err, &ce) {
				t.Fatalf("Convert(%#v, %s) = %v, %v; want a *ConvertError", c.v, c.typ, got, err)
			}
			if ce.Path != c.path || ce.Expected != c.expected {
				t.Fatalf("error %q: path %q expected %q, want path %q expected %q", err, ce.Path, ce.Expected, c.path, c.expected)
			}
			if msg := err.Error(); !strings.Contains(msg, "argument "+c.path) || !strings.Contains(msg, "expected "+c.expected) {
				t.Fatalf("message %q does not name the path and type", msg)
			}
			if got.IsValid() {
				t.Fatalf("got a value %v along with the error", got)
			}
		})
	}
}

func TestConvertDeepValue(t *testing.T) {
	var v any = "leaf"
	for range 200 {
		v = []any{v}
	}
	_, err := Convert(v, reflect.TypeFor[any](), "1")
	if err != nil {
		t.Fatalf("any takes any depth: %v", err)
	}
	typ := reflect.TypeFor[string]()
	for range 200 {
		typ = reflect.SliceOf(typ)
	}
	var ce *ConvertError
	if _, err := Convert(v, typ, "1"); !errors.As(err, &ce) || !strings.Contains(ce.Got, "nested too deeply") {
		t.Fatalf("Convert of a 200-deep slice: %v, want a nesting error", err)
	}
}

func TestBindForm(t *testing.T) {
	avatar := NewFile("me.png", "image/png", []byte{1})
	fd := NewFormData(
		Entry{Name: "email", Value: "a@b.c"},
		Entry{Name: "age", Value: " 42 "},
		Entry{Name: "agree", Value: "on"},
		Entry{Name: "score", Value: "9.5"},
		Entry{Name: "tag", Value: "x"},
		Entry{Name: "tag", Value: "y"},
		Entry{Name: "id", Value: "1"},
		Entry{Name: "id", Value: "2"},
		Entry{Name: "avatar", File: avatar},
		Entry{Name: "nick", Value: "bob"},
		Entry{Name: "Ignored", Value: "no"},
		Entry{Name: "by_json", Value: "j"},
		Entry{Name: "addr", Value: "::1"},
	)
	got, err := Convert(fd, reflect.TypeFor[signup](), "1")
	if err != nil {
		t.Fatal(err)
	}
	nick := "bob"
	want := signup{Email: "a@b.c", Age: 42, Agree: true, Score: 9.5, Tags: []string{"x", "y"}, IDs: []int{1, 2},
		Avatar: avatar, Nick: &nick, ByJSON: "j", Addr: netip.MustParseAddr("::1")}
	if !reflect.DeepEqual(got.Interface(), want) {
		t.Fatalf("got %+v\nwant %+v", got.Interface(), want)
	}

	// Missing fields keep their zero values; an unchecked box sends nothing.
	got, err = Convert(NewFormData(Entry{Name: "email", Value: "x"}), reflect.TypeFor[*signup](), "1")
	if err != nil {
		t.Fatal(err)
	}
	if s := got.Interface().(*signup); s.Email != "x" || s.Agree || s.Avatar != nil || s.Nick != nil {
		t.Fatalf("got %+v", s)
	}

	bad := []struct {
		entries  []Entry
		path     string
		expected string
	}{
		{[]Entry{{Name: "age", Value: "forty"}}, "1.age", "int"},
		{[]Entry{{Name: "age", Value: "99999999999999999999"}}, "1.age", "int"},
		{[]Entry{{Name: "agree", Value: "yes please"}}, "1.agree", "bool"},
		{[]Entry{{Name: "score", Value: "high"}}, "1.score", "float64"},
		{[]Entry{{Name: "id", Value: "1"}, {Name: "id", Value: "x"}}, "1.id.1", "int"},
		{[]Entry{{Name: "addr", Value: "nowhere"}}, "1.addr", "netip.Addr"},
	}
	for _, c := range bad {
		_, err := Convert(NewFormData(c.entries...), reflect.TypeFor[signup](), "1")
		var ce *ConvertError
		if !errors.As(err, &ce) || ce.Path != c.path || ce.Expected != c.expected {
			t.Errorf("%v: got %v, want a ConvertError at %s expecting %s", c.entries, err, c.path, c.expected)
		}
	}

	type unbindable struct {
		M map[string]string `form:"m"`
	}
	_, err = Convert(NewFormData(Entry{Name: "m", Value: "x"}), reflect.TypeFor[unbindable](), "1")
	var ce *ConvertError
	if !errors.As(err, &ce) || ce.Path != "1.m" {
		t.Errorf("binding a map from a form: %v, want a ConvertError at 1.m", err)
	}
}
