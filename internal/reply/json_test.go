package reply

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// stdJSON parses s with encoding/json, as the reference for parseJSON.
func stdJSON(s string) (any, error) {
	if !json.Valid([]byte(s)) {
		return nil, errTooManyValues // any error
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// plain turns parseJSON's ordered objects into maps (the last duplicate
// key wins, as in encoding/json and JSON.parse).
func plain(v any) any {
	switch x := v.(type) {
	case *rawObject:
		m := map[string]any{}
		for i, k := range x.keys {
			m[k] = plain(x.vals[i])
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

func checkJSON(t *testing.T, s string) {
	t.Helper()
	want, werr := stdJSON(s)
	got, gerr := parseJSON(s, 10_000, 1<<30)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: encoding/json error %v, parseJSON error %v", s, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(plain(got), want) {
		t.Fatalf("%q: parseJSON %#v, encoding/json %#v", s, plain(got), want)
	}
}

var jsonSeeds = []string{
	`null`, `true`, `false`, `0`, `-0`, `1.5e10`, `-12.25E-3`, `1e+2`, `"a"`, `""`, `[]`, `{}`, ` [ 1 , 2 ] `,
	`{"a":1,"b":[true,null,{"c":"d"}],"a":2}`, `"\u00e9\n\t\\\"\/\b\f\r"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00x"`,
	`"\ud83d\u0041"`, "\"\xff\xfe\"", `"é ✓ 😀"`, `[1,]`, `{"a":1,}`, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `"\x"`,
	`"\u12"`, "\"a\nb\"", `[1] x`, `tru`, `nul`, `{"a" 1}`, `{1:2}`, `[`, `"abc`, `NaN`, `Infinity`, `[1 2]`,
	`{"__proto__":{"then":"$1:constructor"}}`, "\t\r\n 7 \t", `1E400`, `-1e-400`, `"\uD834\uDD1E"`,
}

func TestParseJSONMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		checkJSON(t, s)
	}
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkJSON(t, s) })
}
