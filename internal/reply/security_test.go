package reply

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// fields builds a body from name, value pairs.
func fields(kv ...string) *Body {
	b := &Body{}
	for i := 0; i+1 < len(kv); i += 2 {
		b.Fields = append(b.Fields, Entry{Name: kv[i], Value: kv[i+1]})
	}
	return b
}

func mustFail(t *testing.T, b *Body, want string) {
	t.Helper()
	args, err := DecodeArgs(b, Limits{})
	var re *Error
	if !errors.As(err, &re) {
		t.Fatalf("DecodeArgs = %#v, %v; want a *reply.Error", args, err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not mention %q", err, want)
	}
}

// The React2Shell payload (CVE-2025-55182) and variants (doc/wire.md
// §5.2): a forged chunk object in part 0, "$@0" to obtain it raw, and
// path references that name prototype members.
func TestExploitShapes(t *testing.T) {
	forged := `{"then":"$1:__proto__:then","status":"resolved_model","reason":-1,` +
		`"value":"{\"then\":\"$B1337\"}","_response":{"_prefix":"process.mainModule.require('child_process').execSync('id');",` +
		`"_chunks":"$Q2","_formData":{"get":"$1:constructor:constructor"}}}`
	cases := []struct {
		name string
		body *Body
		want string
	}{
		{"react2shell", fields("0", forged, "1", `"$@0"`), "cyclic"},
		{"react2shell with array root", fields("0", `["$@1"]`, "1", forged, "2", `"$@1"`), "cyclic"},
		{"react2shell wrapped", fields("0", `["$@2"]`, "1", `"$@2"`, "2", forged), "cyclic"},
		{"__proto__:then", fields("0", `["$1:__proto__:then"]`, "1", `{}`), `no key "__proto__"`},
		{"__proto__ of array", fields("0", `["$1:__proto__"]`, "1", `[1]`), `no index "__proto__"`},
		{"constructor:constructor", fields("0", `["$1:constructor:constructor"]`, "1", `{"a":1}`), `no key "constructor"`},
		{"constructor of string", fields("0", `["$1:constructor"]`, "1", `"str"`), "only plain objects and arrays"},
		{"length of array", fields("0", `["$1:length"]`, "1", `[1,2]`), `no index "length"`},
		{"negative index", fields("0", `["$1:-1"]`, "1", `[1,2]`), "no index"},
		{"non-canonical index", fields("0", `["$1:01"]`, "1", `[1,2]`), "no index"},
		{"walk into a Map", fields("0", `["$Q1","$0:0:size"]`, "1", `[]`), "only plain objects and arrays"},
		{"walk into a Date", fields("0", `["$D1970-01-01T00:00:00.000Z","$0:0:getTime"]`), "only plain objects and arrays"},
		{"walk into a server reference", fields("0", `["$h1","$0:0:bind"]`, "1", `{"id":"a","bound":null}`), "only plain objects and arrays"},
		{"blob from a string part", fields("0", `["$B1"]`, "1", `"not a file"`), "not a file"},
		{"blob of a missing part", fields("0", `["$B1337"]`), "missing"},
		{"typed array from a string part", fields("0", `["$o1"]`, "1", `[1,2]`), "not a file"},
		{"temporary reference with a suffix", fields("0", `["$Tx"]`), "unsupported"},
		{"temporary reference under a colon key", fields("0", `[{"a:b":"$T"}]`), "cannot be named"},
		{"temporary reference in a stream item", fields("0", `["$R1"]`, "S1", `"$T"`, "S1", "C"), "cannot be named"},
		{"stream without its end", fields("0", `["$R1"]`, "S1", `"x"`), "did not end"},
		{"stream with no field", fields("0", `["$x1"]`), "did not end"},
		{"stream item after its end", fields("0", `["$R1"]`, "S1", "C", "S1", `"x"`), "after its end"},
		{"stream used twice", fields("0", `["$R1","$R1"]`, "S1", "C"), "already used"},
		{"stream and Map on one part", fields("0", `["$Q1","$X1"]`, "1", `[]`, "S1", "C"), "already used"},
		{"byte stream of strings", fields("0", `["$r1"]`, "S1", `"x"`, "S1", "C"), "invalid data for a byte stream"},
		{"byte stream of an ArrayBuffer", withFile(fields("0", `["$r1"]`, "S1", `"$A2"`, "S1", "C"), "2", "ab"), "invalid data for a byte stream"},
		{"bad stream item", fields("0", `["$R1"]`, "S1", `{`, "S1", "C"), "stream item"},
		{"stream item referring to itself", fields("0", `["$R1"]`, "S1", `"$@0"`, "S1", "C"), "cyclic"},
		{"unknown tag", fields("0", `["$Z1"]`), "unsupported"},
		{"bad part id", fields("0", `["$@zz"]`), "invalid part id"},
		{"empty part id", fields("0", `["$@"]`), "invalid part id"},
		{"long part id", fields("0", `["$@1234567"]`), "invalid part id"},
		{"missing part", fields("0", `["$@5"]`), "missing"},
		{"missing root", fields("1", `[]`), "missing"},
		{"root not an array", fields("0", `{"a":1}`), "must be an array"},
		{"bad JSON", fields("0", `[1,`), "invalid JSON"},
		{"trailing JSON", fields("0", `[1] [2]`), "data after"},
		{"bad date", fields("0", `["$Dyesterday"]`), "invalid date"},
		{"Feb 29 of a common year", fields("0", `["$D+010001-02-29T00:00:00.000Z"]`), "invalid date"},
		{"bad bigint", fields("0", `["$n12x"]`), "invalid BigInt"},
		{"bigint 301 digits", fields("0", `["$n`+strings.Repeat("9", 301)+`"]`), "BigInt longer than 300"},
		{"negative bigint 301 chars", fields("0", `["$n-`+strings.Repeat("9", 300)+`"]`), "BigInt longer than 300"},
		{"server reference without id", fields("0", `["$h1"]`, "1", `{"bound":null}`), "no string id"},
		{"server reference bound not array", fields("0", `["$h1"]`, "1", `{"id":"a","bound":"x"}`), "not an array"},
		{"1001 bound arguments", fields("0", `["$h1"]`, "1", `{"id":"a","bound":"$@2"}`, "2", "["+strings.Repeat("0,", 1000)+"0]"), "more than 1000 bound"},
		{"Map entry not a pair", fields("0", `["$Q1"]`, "1", `[1]`), "not a [key, value] pair"},
		{"Map initializer not an array", fields("0", `["$Q1"]`, "1", `{"then":1}`), "not an array"},
		{"typed array of a missing part", fields("0", `["$L1"]`), "missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { mustFail(t, c.body, c.want) })
	}

	// "__proto__" keys are dropped before their values are looked at.
	args, err := DecodeArgs(fields("0", `[{"__proto__":"$1","a":1}]`), Limits{})
	if err != nil || len(args[0].(map[string]any)) != 1 {
		t.Fatalf("__proto__ key: %#v, %v", args, err)
	}

	// Forged chunk fields are plain data: no key has a meaning.
	args, err = DecodeArgs(fields("0", `[{"then":"x","status":"resolved_model","value":"{}","_response":{"_prefix":"p"}}]`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if m := args[0].(map[string]any); m["status"] != "resolved_model" || m["then"] != "x" {
		t.Fatalf("forged chunk as data: %#v", m)
	}

	// A server reference is never resolved under a "then" key.
	args, err = DecodeArgs(fields("0", `[{"then":"$h1","ok":"$h1"}]`, "1", `{"id":"a#b","bound":null}`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if m := args[0].(map[string]any); m["then"] != nil || m["ok"] == nil {
		t.Fatalf("then server reference: %#v", m)
	}

	// Typed arrays must hold whole elements.
	b := fields("0", `["$L1"]`)
	b.Fields = append(b.Fields, Entry{Name: "1", File: NewFile("blob", "", []byte{1, 2, 3})})
	mustFail(t, b, "not a whole number of elements")
}

// Self-referencing promises were CVE-2025-55184's infinite recursion: a
// promise (or server reference) that resolves through its own part, or a
// path to a value not decoded yet, fails. A path reference to an
// enclosing object is how encodeReply sends a value that contains itself:
// it decodes to that very object (TestDifferentialEncodeReply's cyclic
// cases), and stays within the budgets.
func TestCycles(t *testing.T) {
	cases := map[string]*Body{
		"$@0 root":        fields("0", `"$@0"`),
		"$@0 in array":    fields("0", `["$@0"]`),
		"mutual promises": fields("0", `["$@1"]`, "1", `["$@2"]`, "2", `["$@1"]`),
		"path via part":   fields("0", `["$@1"]`, "1", `{"a":"$0:0"}`),
		"forward path":    fields("0", `["$0:1",5]`),
		"server ref self": fields("0", `["$h1"]`, "1", `{"id":"a","bound":"$@1"}`),
		"map self":        fields("0", `["$Q1"]`, "1", `[["k","$@1"]]`),
		"set via root":    fields("0", `["$W1"]`, "1", `["$@0"]`),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			args, err := DecodeArgs(b, Limits{})
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("DecodeArgs = %v; want a *reply.Error", err)
			}
			_ = args
			if !strings.Contains(err.Error(), "cyclic") && !strings.Contains(err.Error(), "forward") {
				t.Fatalf("error %q does not say cyclic or forward", err)
			}
		})
	}

	allowed := map[string]struct {
		body  *Body
		check func(args []any) bool
	}{
		"$0 in root": {fields("0", `["$0"]`), func(a []any) bool { return sameValue(a[0], a) }},
		"path to self": {fields("0", `[{"self":"$0:0"}]`), func(a []any) bool {
			m := a[0].(map[string]any)
			return sameValue(m["self"], m)
		}},
		"path to parent": {fields("0", `[[1,"$0:0"]]`), func(a []any) bool {
			inner := a[0].([]any)
			return sameValue(inner[1], inner)
		}},
		"path into a cycle, twice": {fields("0", `[{"self":"$0:0"},"$0:0","$0:0:self"]`), func(a []any) bool {
			return sameValue(a[1], a[0]) && sameValue(a[2], a[0])
		}},
		"cycle through a promise part": {fields("0", `[{"p":"$@1"}]`, "1", `"$0:0"`), func(a []any) bool {
			m := a[0].(map[string]any)
			return sameValue(m["p"], m)
		}},
	}
	for name, c := range allowed {
		t.Run("allowed/"+name, func(t *testing.T) {
			args, err := DecodeArgs(c.body, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(args) {
				t.Fatal("the decoded value does not contain itself")
			}
		})
	}

	// Many references into a cycle are counted, not followed forever.
	refs := `[{"a":[1,2,3],"self":"$0:0"}` + strings.Repeat(`,"$0:0"`, 50_000) + `]`
	mustFail(t, fields("0", refs), "references included")
}

func TestSingleUseParts(t *testing.T) {
	file := func(b *Body) *Body {
		b.Fields = append(b.Fields, Entry{Name: "1", File: NewFile("blob", "", []byte{1, 2})})
		return b
	}
	cases := map[string]*Body{
		"Map twice":           fields("0", `["$Q1","$Q1"]`, "1", `[]`),
		"Map then Set":        fields("0", `["$Q1","$W1"]`, "1", `[]`),
		"Set twice":           fields("0", `["$W1",{"a":"$W1"}]`, "1", `[]`),
		"Iterator twice":      fields("0", `["$i1","$i1"]`, "1", `[]`),
		"Map via promise":     fields("0", `["$Q1","$@2"]`, "1", `[]`, "2", `"$Q1"`),
		"typed array twice":   file(fields("0", `["$o1","$o1"]`)),
		"Blob twice":          file(fields("0", `["$B1","$B1"]`)),
		"Blob then typed":     file(fields("0", `["$B1","$A1"]`)),
		"Int16 then DataView": file(fields("0", `["$S1","$V1"]`)),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) { mustFail(t, b, "already used") })
	}
	// A Map's part may still be referenced as plain data (React allows it).
	if _, err := DecodeArgs(fields("0", `["$Q1","$1"]`, "1", `[["k",1]]`), Limits{}); err != nil {
		t.Fatal(err)
	}
}

func TestLimits(t *testing.T) {
	deepArray := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	chain := func(n int, tag string) *Body {
		b := fields("0", `["`+tag+`1"]`)
		for i := 1; i < n; i++ {
			b.Fields = append(b.Fields, Entry{Name: strconv.Itoa(i), Value: fmt.Sprintf(`["%s%x"]`, tag, i+1)})
		}
		b.Fields = append(b.Fields, Entry{Name: strconv.Itoa(n), Value: `[]`})
		return b
	}
	manyParts := &Body{}
	var refs []string
	for i := 1; i <= 1001; i++ {
		refs = append(refs, fmt.Sprintf(`"$@%x"`, i))
		manyParts.Fields = append(manyParts.Fields, Entry{Name: strconv.Itoa(i), Value: "1"})
	}
	manyParts.Fields = append(manyParts.Fields, Entry{Name: "0", Value: "[" + strings.Join(refs, ",") + "]"})

	cases := []struct {
		name string
		body *Body
		want string
	}{
		{"100k nested arrays", fields("0", deepArray), "nested deeper than 64"},
		{"100k nested objects", fields("0", strings.Repeat(`{"a":`, 100_000)+"1"+strings.Repeat("}", 100_000)), "nested deeper than 64"},
		{"nesting across promises", chain(500, "$@"), "nested deeper than 64"},
		{"nesting across path refs", chain(500, "$"), "nested deeper than 64"},
		{"nesting across Maps", func() *Body {
			b := fields("0", `["$Q1"]`)
			for i := 1; i < 300; i++ {
				b.Fields = append(b.Fields, Entry{Name: strconv.Itoa(i), Value: fmt.Sprintf(`[["k","$Q%x"]]`, i+1)})
			}
			return append2(b, "300", `[]`)
		}(), "nested deeper than 64"},
		{"long path reference", fields("0", `["$1`+strings.Repeat(":a", 100)+`"]`, "1", `{}`), "reference path longer"},
		{"more than 1000 parts", manyParts, "more than 1000 parts"},
		{"string over 1 MB", fields("0", `["`+strings.Repeat("x", 1<<20+1)+`"]`), "string longer than"},
		{"too many values", fields("0", "["+strings.Repeat("0,", 100_000)+"0]"), "more than 100000 values"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { mustFail(t, c.body, c.want) })
	}

	// Within the limits.
	ok := map[string]*Body{
		"60 nested arrays":     fields("0", "["+strings.Repeat("[", 59)+strings.Repeat("]", 59)+"]"),
		"1000 bound arguments": fields("0", `["$h1"]`, "1", `{"id":"a","bound":"$@2"}`, "2", "["+strings.Repeat("0,", 999)+"0]"),
		"bigint 300 digits":    fields("0", `["$n`+strings.Repeat("9", 300)+`"]`),
		"1000 parts":           &Body{Fields: manyParts.Fields[:1000:1000]},
	}
	ok["1000 parts"].Fields = append(ok["1000 parts"].Fields, Entry{Name: "0", Value: "[" + strings.Join(refs[:999], ",") + "]"})
	for name, b := range ok {
		if _, err := DecodeArgs(b, Limits{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func withFile(b *Body, name, data string) *Body {
	b.Fields = append(b.Fields, Entry{Name: name, File: NewFile("blob", "", []byte(data))})
	return b
}

// streamBomb is an object holding a stream of 5000 items, referenced
// 50,000 times.
func streamBomb() *Body {
	b := fields("0", `[{"s":"$R1"}`+strings.Repeat(`,"$0:0"`, 50_000)+`]`)
	for range 5000 {
		b.Fields = append(b.Fields, Entry{Name: "S1", Value: `"item"`})
	}
	return append2(b, "S1", "C")
}

func append2(b *Body, kv ...string) *Body {
	b.Fields = append(b.Fields, fields(kv...).Fields...)
	return b
}

// Aliasing bombs: many references to a large part, or references that
// double at each level, must hit the expansion budget (counted after
// aliases are expanded) instead of multiplying work or memory. React's
// version of this budget is arraySizeLimit (CVE-2026-23869 and kin).
func TestAliasingBombs(t *testing.T) {
	bigArray := "[" + strings.TrimSuffix(strings.Repeat(`"xxxxxxxxxx",`, 20_000), ",") + "]"
	manyRefs := func(ref string, n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(`"`+ref+`",`, n), ",") + "]"
	}
	doubling := func(tag string, levels int) *Body {
		b := fields("0", fmt.Sprintf(`["%s1","%s1"]`, tag, tag))
		for i := 1; i < levels; i++ {
			b.Fields = append(b.Fields, Entry{Name: strconv.Itoa(i), Value: fmt.Sprintf(`["%s%x","%s%x"]`, tag, i+1, tag, i+1)})
		}
		return append2(b, strconv.Itoa(levels), `"leaf"`)
	}
	bigString := `"` + strings.Repeat("x", 900_000) + `"`
	formFields := &Body{}
	for i := range 5000 {
		formFields.Fields = append(formFields.Fields, Entry{Name: "_1_f", Value: strconv.Itoa(i)})
	}
	formFields.Fields = append(formFields.Fields, Entry{Name: "0", Value: manyRefs("$K1", 50_000)})

	cases := []struct {
		name string
		body *Body
		want string
	}{
		{"path refs to a big array", fields("0", manyRefs("$1", 50_000), "1", bigArray), "references included"},
		{"promise refs to a big array", fields("0", manyRefs("$@1", 50_000), "1", bigArray), "references included"},
		{"refs to refs", fields("0", manyRefs("$1", 1000), "1", manyRefs("$2", 1000), "2", `[1,2,3]`), "references included"},
		{"dedupe-style refs to a big sibling", fields("0", `[`+bigArray+`,`+strings.TrimPrefix(manyRefs("$0:0", 50_000), "[")), "references included"},
		{"doubling path refs", doubling("$", 40), "references included"},
		{"doubling promises", doubling("$@", 40), "references included"},
		{"refs to a big string", fields("0", manyRefs("$1", 100), "1", bigString), "bytes of strings"},
		{"server refs with big bound", fields("0", manyRefs("$h1", 50_000), "1", `{"id":"a","bound":"$@2"}`, "2", "["+strings.TrimSuffix(strings.Repeat(`"xxxxxxxxxx",`, 1000), ",")+"]"), "references included"},
		{"map of aliases", fields("0", `["$Q1"]`, "1", "["+strings.TrimSuffix(strings.Repeat(`["k","$2"],`, 50_000), ",")+"]", "2", bigArray), "references included"},
		{"FormData referenced many times", formFields, "references included"},
		{"refs to an object holding a long stream", streamBomb(), "references included"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { mustFail(t, c.body, c.want) })
	}
}

// A bound form (no JavaScript) carries a reply in its $ACTION_<n>:
// fields; exploit shapes there fail the same way.
func TestDecodeFormExploits(t *testing.T) {
	cases := map[string]*Body{
		"forged chunk": fields("$ACTION_REF_1", "", "$ACTION_1:0", `{"then":"$1:__proto__:then","id":"$@0"}`, "$ACTION_1:1", `"$@0"`),
		"cycle":        fields("$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"$@0"}`),
		"proto path":   fields("$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"$1:constructor:constructor","bound":null}`, "$ACTION_1:1", `{}`),
		"not object":   fields("$ACTION_REF_1", "", "$ACTION_1:0", `"a#b"`),
		"no id":        fields("$ACTION_REF_1", "", "$ACTION_1:0", `{"bound":null}`),
		"bound bomb":   fields("$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"$@1"}`, "$ACTION_1:1", "["+strings.Repeat("0,", 1000)+"0]"),
		"missing":      fields("$ACTION_REF_1", ""),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			fa, err := DecodeForm(b, Limits{})
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("DecodeForm = %#v, %v; want a *reply.Error", fa, err)
			}
		})
	}

	fa, err := DecodeForm(fields("$ACTION_ID_todo#add", "", "title", "milk", "$ACTION_KEY", "k1"), Limits{})
	if err != nil || fa.ID != "todo#add" || fa.Bound != nil || fa.Form.Get("title") != "milk" || fa.Form.Has("$ACTION_KEY") {
		t.Fatalf("unbound form: %#v, %v", fa, err)
	}
	if fa, err := DecodeForm(fields("title", "milk"), Limits{}); fa != nil || err != nil {
		t.Fatalf("form without an action: %#v, %v", fa, err)
	}
}

// When a form posts several actions — its own, then the <button
// formAction> that was clicked — the last one wins, as in React's
// decodeAction; only the winner's bound fields are decoded.
// (TestFormActionClickedButtonWins posts such forms from Chromium.)
func TestDecodeFormLastActionWins(t *testing.T) {
	cases := []struct {
		name  string
		body  *Body
		id    string
		bound string
	}{
		{"form then button", fields("$ACTION_ID_form#a", "", "title", "x", "$ACTION_ID_button#b", ""), "button#b", "null"},
		{"bound form then button", fields("$ACTION_REF_0", "", "$ACTION_0:0", `{"id":"form#a","bound":"$@1"}`, "$ACTION_0:1", `[1]`,
			"$ACTION_ID_button#b", ""), "button#b", "null"},
		{"form then bound button", fields("$ACTION_ID_form#a", "", "$ACTION_REF_1", "", "$ACTION_1:1", `["y"]`, "$ACTION_1:0", `{"id":"button#b","bound":"$@1"}`), "button#b", `["y"]`},
		{"unclicked bound button's fields ignored", fields("$ACTION_REF_0", "", "$ACTION_0:0", `{"id":"form#a","bound":null}`,
			"$ACTION_1:0", `{broken`), "form#a", "null"},
		{"loser's broken fields ignored", fields("$ACTION_REF_0", "", "$ACTION_0:0", `{broken`, "$ACTION_ID_button#b", ""), "button#b", "null"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fa, err := DecodeForm(c.body, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			bound, _ := json.Marshal(fa.Bound)
			if fa.ID != c.id || string(bound) != c.bound {
				t.Errorf("DecodeForm = %s %s, want %s %s", fa.ID, bound, c.id, c.bound)
			}
			for _, e := range fa.Form.Entries() {
				if strings.HasPrefix(e.Name, "$ACTION_") {
					t.Errorf("form keeps %s", e.Name)
				}
			}
		})
	}
	// The winner's fields are decoded, and fail cleanly.
	_, err := DecodeForm(fields("$ACTION_ID_form#a", "", "$ACTION_REF_1", "", "$ACTION_1:0", `{broken`), Limits{})
	var re *Error
	if !errors.As(err, &re) {
		t.Errorf("broken winner: %v", err)
	}
}
