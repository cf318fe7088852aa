package reply

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Fuzz inputs describe a body in one string: fields separated by "\x1e",
// each "name\x1fvalue"; a name starting with "@" is a file field named by
// the rest. Without any "\x1f" the whole input is a string body (field
// "0"), as fetch sends when encodeReply returns a string.
const (
	fieldSep = "\x1e"
	nameSep  = "\x1f"
)

func fuzzBody(data string) *Body {
	if !strings.Contains(data, nameSep) {
		return &Body{Fields: []Entry{{Name: "0", Value: data}}}
	}
	b := &Body{}
	for _, f := range strings.Split(data, fieldSep) {
		name, value, _ := strings.Cut(f, nameSep)
		if file, ok := strings.CutPrefix(name, "@"); ok {
			b.Fields = append(b.Fields, Entry{Name: file, File: NewFile("blob", "", []byte(value))})
			continue
		}
		b.Fields = append(b.Fields, Entry{Name: name, Value: value})
	}
	return b
}

func encodeFuzzBody(c *goldenCase) string {
	if c.Body != nil {
		return *c.Body
	}
	var parts []string
	for _, f := range c.Form {
		name := f[0].(string)
		switch v := f[1].(type) {
		case string:
			parts = append(parts, name+nameSep+v)
		case map[string]any:
			data, _ := base64.StdEncoding.DecodeString(v["base64"].(string))
			parts = append(parts, "@"+name+nameSep+string(data))
		}
	}
	return strings.Join(parts, fieldSep)
}

// fuzzSeeds are the golden encodeReply bodies and the exploit shapes.
func fuzzSeeds(f *testing.F) {
	for _, c := range loadGolden(f) {
		f.Add(encodeFuzzBody(&c))
	}
	j := func(kv ...string) string {
		var parts []string
		for i := 0; i+1 < len(kv); i += 2 {
			parts = append(parts, kv[i]+nameSep+kv[i+1])
		}
		return strings.Join(parts, fieldSep)
	}
	for _, s := range []string{
		j("0", `{"then":"$1:__proto__:then","status":"resolved_model","reason":-1,"value":"{\"then\":\"$B1337\"}","_response":{"_prefix":"x","_formData":{"get":"$1:constructor:constructor"}}}`, "1", `"$@0"`),
		j("0", `["$1:__proto__:then"]`, "1", `{}`),
		j("0", `["$@0"]`),
		j("0", `[{"a":"$0:0"},"$0:0:a"]`),
		j("0", `["$1","$1","$1"]`, "1", `["$2","$2"]`, "2", `["x","y"]`),
		j("0", `["$Q1","$W1","$i1"]`, "1", `[["k","v"]]`),
		j("0", `["$h1"]`, "1", `{"id":"a","bound":"$@2"}`, "2", `[1,"$1:id"]`),
		j("0", `["$K1","$K1"]`, "_1_a", "1", "_1_$ACTION_ID_x", ""),
		j("0", `["$o1","$B1","$L2"]`, "@1", "ab", "@2", "abcd"),
		j("$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a#b","bound":"$@1"}`, "$ACTION_1:1", `[0]`, "title", "x"),
		j("$ACTION_ID_a#b", "", "title", "x"),
		`["$D+275760-09-13T00:00:00.000Z","$n-12","$-0","$NaN"]`,
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	} {
		f.Add(s)
	}
}

// checkDecoded fails on values the decoder must never produce: the
// pending placeholder, a __proto__ key, or nesting beyond the limit that
// is not a cycle (values may contain themselves; each container is
// visited once).
func checkDecoded(t *testing.T, v any, depth int) {
	checkDecodedSeen(t, v, depth, map[uintptr]bool{})
}

func checkDecodedSeen(t *testing.T, v any, depth int, seen map[uintptr]bool) {
	if id := containerID(v); id != 0 {
		if seen[id] {
			return
		}
		seen[id] = true
	}
	if depth > 200 {
		t.Fatalf("decoded value nested deeper than 200")
	}
	switch x := v.(type) {
	case *pendingSlot:
		t.Fatalf("pending placeholder in a decoded value")
	case []any:
		for _, e := range x {
			checkDecodedSeen(t, e, depth+1, seen)
		}
	case map[string]any:
		for k, e := range x {
			if k == "__proto__" {
				t.Fatalf("__proto__ key in a decoded object")
			}
			checkDecodedSeen(t, e, depth+1, seen)
		}
	case *Map:
		for _, e := range x.Entries {
			checkDecodedSeen(t, e.Key, depth+1, seen)
			checkDecodedSeen(t, e.Value, depth+1, seen)
		}
	case *Set:
		checkDecodedSeen(t, x.Values, depth+1, seen)
	case *ServerRef:
		checkDecodedSeen(t, x.Bound, depth+1, seen)
	case *Stream:
		checkDecodedSeen(t, x.Items, depth+1, seen)
		checkDecodedSeen(t, x.Return, depth+1, seen)
	}
}

func FuzzDecodeArgs(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data string) {
		args, err := DecodeArgs(fuzzBody(data), Limits{MaxNodes: 20_000, MaxBytes: 1 << 20})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("error is not a *reply.Error: %T %v", err, err)
			}
			return
		}
		checkDecoded(t, args, 0)
	})
}

func FuzzDecodeForm(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data string) {
		fa, err := DecodeForm(fuzzBody(data), Limits{MaxNodes: 20_000, MaxBytes: 1 << 20})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("error is not a *reply.Error: %T %v", err, err)
			}
			return
		}
		if fa == nil {
			return
		}
		for _, e := range fa.Form.Entries() {
			if strings.HasPrefix(e.Name, "$ACTION_") {
				t.Fatalf("form keeps %q", e.Name)
			}
		}
		checkDecoded(t, fa.Bound, 0)
	})
}

type fuzzStruct struct {
	S  string            `json:"s"`
	N  int               `json:"n"`
	F  float32           `json:"f"`
	B  bool              `json:"b"`
	L  []uint8           `json:"l"`
	M  map[string]int    `json:"m"`
	MI map[int]string    `json:"mi"`
	MA map[any]bool      `json:"ma"`
	P  *fuzzStruct       `json:"p"`
	T  time.Time         `json:"t"`
	I  *big.Int          `json:"i"`
	FD *FormData         `json:"fd"`
	X  any               `json:"x"`
	NS map[string][]bool `json:"ns"`
}

var fuzzTypes = []reflect.Type{
	reflect.TypeFor[any](),
	reflect.TypeFor[string](),
	reflect.TypeFor[int8](),
	reflect.TypeFor[uint64](),
	reflect.TypeFor[float32](),
	reflect.TypeFor[[]int](),
	reflect.TypeFor[[]byte](),
	reflect.TypeFor[[][]string](),
	reflect.TypeFor[map[string]any](),
	reflect.TypeFor[map[float64]string](),
	reflect.TypeFor[map[any]any](),
	reflect.TypeFor[fuzzStruct](),
	reflect.TypeFor[*fuzzStruct](),
	reflect.TypeFor[[]fuzzStruct](),
	reflect.TypeFor[time.Time](),
	reflect.TypeFor[*big.Int](),
	reflect.TypeFor[*FormData](),
	reflect.TypeFor[*Map](),
}

// FuzzConvert decodes a body and converts every argument to a range of
// Go types: no panic, and failures are *ConvertError naming the argument.
func FuzzConvert(f *testing.F) {
	fuzzSeeds(f)
	f.Add(`[{"s":"x","n":1,"f":1e300,"l":[1,256],"m":{"a":1.5},"mi":{"1":"x"},"p":{"p":{"n":-1}},"t":"2020-01-01T00:00:00Z","i":"$n5","x":"$undefined"}]`)
	f.Add(`[{"fd":"$K1","ma":"$Q2"}]` + fieldSep + "2" + nameSep + `[[[1],true]]`)
	f.Fuzz(func(t *testing.T, data string) {
		args, err := DecodeArgs(fuzzBody(data), Limits{MaxNodes: 5_000, MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		for i, a := range args {
			for _, typ := range fuzzTypes {
				path := fmt.Sprint(i + 1)
				v, err := Convert(a, typ, path)
				if err != nil {
					var ce *ConvertError
					if !errors.As(err, &ce) || !strings.HasPrefix(ce.Path, path) || ce.Expected == "" {
						t.Fatalf("Convert(%s): %v", typ, err)
					}
					continue
				}
				if v.Type() != typ {
					t.Fatalf("Convert(%s) returned a %s", typ, v.Type())
				}
			}
		}
	})
}

// FuzzReadURLEncoded reads any urlencoded body without panicking; what it
// reads decodes as a form without panicking either.
func FuzzReadURLEncoded(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2", "%24ACTION_ID_00=&x=%C3%A9", "=&&=", "%", "a=%zz", "a+b=c+d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(data))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		b, err := ReadBody(r, 1<<20)
		if err != nil {
			return
		}
		if len(b.Fields) > strings.Count(data, "&")+1 {
			t.Fatalf("%d fields from %d separators", len(b.Fields), strings.Count(data, "&"))
		}
		DecodeForm(b, Limits{})
	})
}
