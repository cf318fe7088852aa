package reply

import (
	"errors"
	"io"
	"iter"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

type listItem struct {
	Title string `json:"title"`
}

type todoList struct {
	Name  string     `json:"name"`
	Items []listItem `json:"items"`
}

type cyclicNode struct {
	Name string      `json:"name"`
	Self *cyclicNode `json:"self"`
}

type cyclicByValue struct {
	Name string         `json:"name"`
	Self cyclicByValue2 `json:"self"`
}

type cyclicByValue2 struct {
	Name string         `json:"name"`
	Self *cyclicByValue `json:"self"`
}

var internalName = regexp.MustCompile(`\breply\.(FormData|File|Map|Set|TypedArray|ServerRef|Stream|TemporaryReference)\b`)

// Argument errors name the parameter's type as the function declares it
// (the public names, never this package's), its position, and the path
// to the offending value.
func TestConvertArgErrorsSpeakUserTypes(t *testing.T) {
	cases := []struct {
		v    any
		typ  reflect.Type
		pos  int
		want string
	}{
		{[]any{1.0}, reflect.TypeFor[*FormData](), 2,
			"gorsc: action argument 2 (*gorsc.FormData): expected *gorsc.FormData, got an array (the action was called without a form: call it from a <form action> or with a FormData, or declare the parameter with the type of the data it is called with)"},
		{map[string]any{"name": "l", "items": []any{map[string]any{"title": 5.0}}}, reflect.TypeFor[todoList](), 1,
			"gorsc: action argument 1 (reply.todoList) at items.0.title: expected string, got a number"},
		{map[string]any{"f": "x"}, reflect.TypeFor[map[string][]*File](), 3,
			"gorsc: action argument 3 (map[string][]*gorsc.File) at f: expected []*gorsc.File, got a string"},
		{nil, reflect.TypeFor[int](), 1,
			"gorsc: action argument 1 (int): expected int, got null (the caller sent fewer arguments than the function takes, or null)"},
	}
	for _, c := range cases {
		_, err := ConvertArg(c.v, c.typ, c.pos)
		var ce *ConvertError
		if !errors.As(err, &ce) || ce.Arg != c.pos || ce.Param != TypeName(c.typ) {
			t.Fatalf("ConvertArg(%s): %#v", c.typ, err)
		}
		if err.Error() != c.want {
			t.Errorf("message\n  %s\nwant\n  %s", err, c.want)
		}
	}

	// No conversion of any decoded value to any fuzzed type names an
	// internal type.
	values := []any{nil, "s", 1.5, true, []any{1.0}, map[string]any{"a": "b"}, &Map{}, &Set{}, NewFormData(),
		&TypedArray{Type: "Uint8Array"}, &ServerRef{ID: "x"}, &Stream{Kind: AsyncIterable}, &TemporaryReference{id: "0:0"}}
	types := append(fuzzTypes, reflect.TypeFor[*File](), reflect.TypeFor[[]*FormData](), reflect.TypeFor[map[string]*Set](),
		reflect.TypeFor[*Stream](), reflect.TypeFor[*TemporaryReference](), reflect.TypeFor[chan *TypedArray]())
	for _, v := range values {
		for _, typ := range types {
			if _, err := ConvertArg(v, typ, 1); err != nil && internalName.MatchString(err.Error()) {
				t.Errorf("ConvertArg(%T, %s): %v names an internal type", v, typ, err)
			}
		}
	}
}

// A value that contains itself converts into pointers, maps and slices,
// keeping identity; into a struct held by value it fails.
func TestConvertCycles(t *testing.T) {
	args, err := DecodeArgs(fields("0", `[{"name":"loop","self":"$0:0"}]`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := ConvertArg(args[0], reflect.TypeFor[*cyclicNode](), 1)
	if err != nil {
		t.Fatal(err)
	}
	n := v.Interface().(*cyclicNode)
	if n.Name != "loop" || n.Self != n {
		t.Errorf("pointer cycle: %+v", n)
	}
	v, err = ConvertArg(args[0], reflect.TypeFor[map[string]any](), 1)
	if err != nil {
		t.Fatal(err)
	}
	m := v.Interface().(map[string]any)
	if reflect.ValueOf(m["self"]).UnsafePointer() != reflect.ValueOf(m).UnsafePointer() {
		t.Errorf("map cycle lost: %v", m["self"])
	}
	_, err = ConvertArg(args[0], reflect.TypeFor[cyclicByValue](), 1)
	if err == nil || !strings.Contains(err.Error(), "contains itself") || !strings.Contains(err.Error(), "use a pointer") {
		t.Errorf("struct by value: %v", err)
	}

	// The same object twice converts to the same pointer.
	args, err = DecodeArgs(fields("0", `[[{"title":"a"},"$0:0:0"]]`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	v, err = ConvertArg(args[0], reflect.TypeFor[[]*listItem](), 1)
	if err != nil {
		t.Fatal(err)
	}
	if items := v.Interface().([]*listItem); items[0] != items[1] {
		t.Error("shared object converted to two pointers")
	}
}

func TestConvertStreams(t *testing.T) {
	body := fields("0", `["$R1","$x2","$r3","$R5"]`,
		"S1", `"a"`, "S1", `"b"`, "S1", "C",
		"S2", `{"pct":50}`, "S2", `{"pct":100}`, "S2", `C{"ok":true}`,
		"S3", `"$o4"`, "S3", "C",
		"S5", `1`, "S5", "C")
	body = withFile(body, "4", "bytes!")
	args, err := DecodeArgs(body, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	conv := func(i int, typ reflect.Type) any {
		t.Helper()
		v, err := ConvertArg(args[i], typ, i+1)
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		return v.Interface()
	}
	if s := conv(0, reflect.TypeFor[[]string]()).([]string); strings.Join(s, ",") != "a,b" {
		t.Errorf("[]string = %v", s)
	}
	r := conv(0, reflect.TypeFor[io.Reader]()).(io.Reader)
	if data, _ := io.ReadAll(r); string(data) != "ab" {
		t.Errorf("io.Reader of text = %q", data)
	}
	type progress struct {
		Pct int `json:"pct"`
	}
	var got []int
	for p := range conv(1, reflect.TypeFor[iter.Seq[progress]]()).(iter.Seq[progress]) {
		got = append(got, p.Pct)
	}
	if len(got) != 2 || got[0] != 50 || got[1] != 100 {
		t.Errorf("iter.Seq = %v", got)
	}
	// Stopping early is allowed.
	for range conv(1, reflect.TypeFor[iter.Seq[progress]]()).(iter.Seq[progress]) {
		break
	}
	ch := conv(1, reflect.TypeFor[<-chan progress]()).(<-chan progress)
	if p1, p2 := <-ch, <-ch; p1.Pct != 50 || p2.Pct != 100 {
		t.Errorf("channel = %v %v", p1, p2)
	}
	if _, open := <-ch; open {
		t.Error("channel not closed after the items")
	}
	if s := conv(1, reflect.TypeFor[*Stream]()).(*Stream); s.Kind != AsyncIterator || s.Return.(map[string]any)["ok"] != true {
		t.Errorf("*Stream = %+v", s)
	}
	if b := conv(2, reflect.TypeFor[[]byte]()).([]byte); string(b) != "bytes!" {
		t.Errorf("byte stream as []byte = %q", b)
	}
	if _, err := ConvertArg(args[3], reflect.TypeFor[io.Reader](), 4); err == nil {
		t.Error("a stream of numbers became an io.Reader")
	}
	if _, err := ConvertArg(args[0], reflect.TypeFor[iter.Seq[int]](), 1); err == nil || !strings.Contains(err.Error(), "argument 1 (iter.Seq[int]) at 0: expected int, got a string") {
		t.Errorf("bad item: %v", err)
	}
}

func TestConvertTemporaryReference(t *testing.T) {
	args, err := DecodeArgs(fields("0", `[{"item":"$T"},"$T"]`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	type withOpaque struct {
		Item *TemporaryReference `json:"item"`
	}
	v, err := ConvertArg(args[0], reflect.TypeFor[withOpaque](), 1)
	if err != nil {
		t.Fatal(err)
	}
	if id := v.Interface().(withOpaque).Item.TemporaryReferenceID(); id != "0:0:item" {
		t.Errorf("id = %q", id)
	}
	v, err = ConvertArg(args[1], reflect.TypeFor[any](), 2)
	if err != nil || v.Interface().(*TemporaryReference).TemporaryReferenceID() != "0:1" {
		t.Errorf("any: %v, %v", v, err)
	}
	if _, err := ConvertArg(args[1], reflect.TypeFor[string](), 2); err == nil || !strings.Contains(err.Error(), "temporary reference") {
		t.Errorf("string: %v", err)
	}
}
