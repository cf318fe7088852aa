package domrows

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// items returns n list items as the rows write them, each with a key, a
// class, a text and a number child: ["$","li","<i>",{...}],...
func items(n int, item string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, item, i, i, i)
	}
	return b.String()
}

const item = `["$","li","%d",{"className":"item","children":[["$","span",null,{"className":"id","children":["#",%d]}]," ",["$","strong",null,{"children":"Item %d"}]]}]`

// list is a <ul> of 40 items: well over MinBytes.
var list = `["$","ul",null,{"className":"items","children":[` + items(40, item) + `]}]`

// imports are the rows before row 0 of a page: gorsc's segment slot (3
// and 4), a Suspense row (5), a client component (6 and 7).
const imports = "3:\"/_gorsc/gorsc_segment-PIQM2WRF.js\"\n4:I[\"$3\",[\"$3\",\"$3\"],\"Slot\"]\n5:\"$Sreact.suspense\"\n6:\"/_gorsc/Tabs-AAAA.js\"\n7:I[\"$6\",[\"$6\",\"$6\"],\"default\"]\n"

func page(body string) []byte {
	return []byte(imports + `0:["$","html",null,{"lang":"en","children":["$","body",null,{"children":` + body + `}]}]` + "\n")
}

// fill fills a template with values as the runtime does (domrows.ts),
// and returns the row and its hash.
func fill(t *testing.T, tpl []byte, values []string) ([]byte, uint32) {
	t.Helper()
	var out []byte
	var texts []string
	k := 0
	for _, c := range tpl {
		switch c {
		case HoleString:
			v := values[k]
			if strings.HasPrefix(v, "$") {
				v = "$" + v
			}
			texts = append(texts, fmt.Sprintf("%q", v)) // the test's values need no escapes JSON and Go write differently
			out = append(out, texts[k]...)
			k++
		case HoleNumber:
			texts = append(texts, values[k])
			out = append(out, values[k]...)
			k++
		default:
			out = append(out, c)
		}
	}
	if k != len(values) {
		t.Fatalf("template has %d holes, %d values", k, len(values))
	}
	return out, Hash(texts...)
}

// listValues are the strings the DOM of list holds in document order.
func listValues() []string {
	v := []string{"items"}
	for i := 1; i <= 40; i++ {
		v = append(v, "item", "id", "#", fmt.Sprint(i), " ", fmt.Sprintf("Item %d", i))
	}
	return v
}

func TestSplitMovesOutTheList(t *testing.T) {
	for _, c := range []struct {
		name, body string
	}{
		{"in the body", list},
		{"in a segment slot", `["$","$L4","/",{"children":` + list + `,"id":"/"}]`},
		{"in a Suspense boundary done in the shell", `["$","$5",null,{"fallback":null,"children":` + list + `}]`},
		{"before a subtree with one inside it", `["$","main",null,{"children":[` + list + `,["$","$L7",null,{}],["$","section",null,{"children":["$","$L7",null,{"children":"x"}]}]]}]`},
		{"beside other children", `["$","main",null,{"children":[["$","$L7",null,{}],["$","h1",null,{"children":"Items"}],` + list + `]}]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := page(c.body)
			out, tpls := Split(nil, rows, func() int { return 0x2a })
			if len(tpls) != 1 {
				t.Fatalf("%d templates, want 1 (the list)", len(tpls))
			}
			want := bytes.Replace(rows, []byte(list), []byte(`"$2a"`), 1)
			if !bytes.Equal(out, want) {
				t.Errorf("rows:\n%s\nwant:\n%s", out, want)
			}
			row, h := fill(t, tpls[0].Text, listValues())
			if wantRow := "2a:" + list + "\n"; string(row) != wantRow {
				t.Errorf("filled template:\n%s\nwant:\n%s", row, wantRow)
			}
			if tpls[0].ID != 0x2a || tpls[0].Hash != h {
				t.Errorf("id %x hash %d, want 2a and the hash of the DOM's values (%d)", tpls[0].ID, tpls[0].Hash, h)
			}
			values := listValues()
			values[5] = "Item 1 (changed)"
			if _, h := fill(t, tpls[0].Text, values); h == tpls[0].Hash {
				t.Errorf("a changed text has the same hash")
			}
		})
	}
}

// Subtrees whose DOM is not what the rows say, or that may not be in the
// DOM at all, stay in the rows.
func TestSplitLeaves(t *testing.T) {
	big := items(40, item)
	for _, c := range []struct{ name, body string }{
		{"too small", `["$","ul",null,{"children":[` + items(3, item) + `]}]`},
		{"a client component's children", `["$","$L7",null,{"children":` + list + `}]`},
		{"a Suspense fallback", `["$","$5",null,{"fallback":` + list + `,"children":"$L9"}]`},
		{"a <p> holding a <div> (the parser closes the <p>)", `["$","p",null,{"children":["$","div",null,{"children":"x"}]}]`},
		{"a <table>'s rows", `["$","table",null,{"children":["$","tbody",null,{"children":[` + strings.ReplaceAll(big, `"li"`, `"tr"`) + `]}]}]`},
		{"an <svg>", `["$","svg",null,{"children":["$","g",null,{"children":[` + big + `]}]}]`},
		{"a reference by path elsewhere", `["$","main",null,{"children":[` + list + `,["$","$L7",null,{"item":"$0:props:children:0"}]]}]`},
		{"development rows (seven entries)", `["$","ul",null,{"children":[` + strings.ReplaceAll(big, `]]}]`, `]]},null,[],1]`) + `]},null,[],1]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := page(c.body)
			out, tpls := Split(nil, rows, func() int { return 0x2a })
			if len(tpls) != 0 || !bytes.Equal(out, rows) {
				t.Errorf("%d templates; rows changed: %v", len(tpls), !bytes.Equal(out, rows))
			}
		})
	}
}

// One item that does not qualify keeps the list in the rows; the other
// items are moved out when large enough on their own.
func TestSplitPropsAndChildren(t *testing.T) {
	long := strings.Repeat("word ", 220)
	for _, c := range []struct {
		name     string
		odd      string // the first item instead of a plain one
		moved    bool   // whether the list is moved out
		pattern  string // the template matches it (with moved)
		oddMoved bool   // whether the odd item alone is moved out (not the list)
	}{
		{"a data- and an aria- attribute", `["$","li","0",{"data-x":"1","aria-label":"a","children":"t"}]`, true, `"data-x":\x01,"aria-label":\x01`, false},
		{"a relative link", `["$","a",null,{"href":"/items/1","children":"t"}]`, true, `"href":\x01`, false},
		{"a javascript: link", `["$","a",null,{"href":"javascript:alert(1)","children":"t"}]`, false, "", false},
		{"a style object", `["$","li",null,{"style":{"color":"red"},"children":"t"}]`, false, "", false},
		{"an event-handler-like prop", `["$","li",null,{"onClick":"x","children":"t"}]`, false, "", false},
		{"a boolean attribute", `["$","li",null,{"hidden":true,"children":"t"}]`, false, "", false},
		{"a number attribute", `["$","li",null,{"data-n":5,"children":"t"}]`, false, "", false},
		{"children before a prop", `["$","li",null,{"children":"t","id":"x"}]`, false, "", false},
		{"an empty text", `["$","li",null,{"children":["a","","b"]}]`, false, "", false},
		{"a \\u escape", `["$","li",null,{"children":"\u2028"}]`, false, "", false},
		{"a carriage return", `["$","li",null,{"children":"a\rb"}]`, false, "", false},
		{"a newline and a tab", `["$","li",null,{"children":"a\nb\tc"}]`, true, `"children":\x01`, false},
		{"a \"$\" text (Flight's escape)", `["$","li",null,{"children":"$$5"}]`, true, `"children":\x01`, false},
		{"a reference", `["$","li",null,{"children":"$L9"}]`, false, "", false},
		{"a float", `["$","li",null,{"children":1.5}]`, false, "", false},
		{"null and false children", `["$","li",null,{"children":[null,false,"t"]}]`, true, `\[null,false,\x01\]`, false},
		{"a nested array", `["$","li",null,{"children":[["a",["$","b",null,{"children":"c"}]],"d"]}]`, true, `\[\[\x01,\["\$","b",null,\{"children":\x01\}\]\],\x01\]`, false},
		{"a large item with a client component in it", `["$","li",null,{"children":[["$","$L7",null,{}],["$","div",null,{"children":"` + long + `"}]]}]`, false, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := `["$","ul",null,{"className":"items","children":[` + c.odd + `,` + items(40, item) + `]}]`
			rows := page(l)
			out, tpls := Split(nil, rows, func() int { return 0x2a })
			switch {
			case c.moved:
				if len(tpls) != 1 || !bytes.Contains(out, []byte(`"children":"$2a"}]`)) {
					t.Fatalf("%d templates, rows %.200s…; want the list moved out", len(tpls), out[len(imports):])
				}
				if !regexp.MustCompile(c.pattern).Match(tpls[0].Text) {
					t.Errorf("template %.300q does not match %s", tpls[0].Text, c.pattern)
				}
			case c.oddMoved:
				if len(tpls) != 1 || !bytes.Contains(tpls[0].Text, []byte(`2a:["$","div"`)) {
					t.Fatalf("%d templates; want the item's <div> alone moved out", len(tpls))
				}
			default:
				if len(tpls) != 0 || !bytes.Equal(out, rows) {
					t.Errorf("%d templates; want the rows unchanged", len(tpls))
				}
			}
		})
	}
}

// Text rows (T, with a length and no newline) and rows that are not JSON
// models are passed over; rows not as the encoder writes them are left.
func TestSplitReadsEveryRowKind(t *testing.T) {
	rows := []byte("1:T5,a\nb:c" + imports + "0:" + list + "\n" + "8:E{\"digest\":\"x\"}\n")
	out, tpls := Split(nil, rows, func() int { return 0x2a })
	if len(tpls) != 1 || !bytes.Contains(out, []byte("0:\"$2a\"\n")) || !bytes.HasPrefix(out, []byte("1:T5,a\nb:c")) {
		t.Errorf("%d templates, rows %q", len(tpls), out)
	}
	for _, bad := range []string{"", "0:[", "zz:[]\n", "0:[\"$\",\"ul\",null,{\"children\":[" + items(40, item), "1:T99,ab"} {
		out, tpls := Split(nil, []byte(bad), func() int { return 0x2a })
		if len(tpls) != 0 || string(out) != bad {
			t.Errorf("Split(%.40q) = %.40q, %d templates; want it unchanged", bad, out, len(tpls))
		}
	}
}

// Split never panics and never changes what a row means: filling each
// template with the values it took out gives back the input.
func FuzzSplit(f *testing.F) {
	f.Add(string(page(list)))
	f.Add(string(page(`["$","$L4","/",{"children":` + list + `,"id":"/"}]`)))
	f.Add("1:T3,abc0:[\"$\",\"div\",null,{}]\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows := []byte(in)
		n := 0x1000
		out, tpls := Split(nil, rows, func() int { n++; return n })
		if len(tpls) == 0 {
			if !bytes.Equal(out, rows) {
				t.Fatalf("no templates but the rows changed")
			}
			return
		}
		for _, tp := range tpls {
			ref := fmt.Sprintf(`"$%x"`, tp.ID)
			if !bytes.Contains(out, []byte(ref)) {
				t.Fatalf("template %x is not referenced", tp.ID)
			}
		}
	})
}

// Two subtrees moved out, the second found first (it ends inside a later
// sibling that does not qualify): both are referenced where they stood.
func TestSplitTwoInOrder(t *testing.T) {
	list2 := strings.Replace(list, `"items"`, `"more"`, 1)
	rows := page(`["$","main",null,{"children":[` + list + `,["$","section",null,{"children":[["$","$L7",null,{}],` + list2 + `]}]]}]`)
	n := 0x40
	out, tpls := Split(nil, rows, func() int { n++; return n })
	if len(tpls) != 2 {
		t.Fatalf("%d templates, want 2", len(tpls))
	}
	// The second list is found first: it gets the first id.
	want := bytes.Replace(bytes.Replace(rows, []byte(list), []byte(`"$42"`), 1), []byte(list2), []byte(`"$41"`), 1)
	if !bytes.Equal(out, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", out, want)
	}
	v2 := listValues()
	v2[0] = "more"
	if got, _ := fill(t, tpls[1].Text, v2); string(got) != "41:"+list2+"\n" {
		t.Errorf("second template filled: %.100s…", got)
	}
}

// SplitInto appends the templates' texts to the buffer it is given,
// leaving what was in it, and gives the same templates as Split.
func TestSplitIntoAppendsTexts(t *testing.T) {
	list2 := strings.Replace(list, `"items"`, `"more"`, 1)
	rows := page(`["$","main",null,{"children":[` + list + `,["$","section",null,{"children":[["$","$L7",null,{}],` + list2 + `]}]]}]`)
	id := func() func() int { n := 0x40; return func() int { n++; return n } }
	wantOut, want := Split(nil, rows, id())
	texts := append(make([]byte, 0, 8), "kept"...) // grows while the templates are made
	out, texts, got := SplitInto(nil, texts, rows, id())
	if !bytes.Equal(out, wantOut) || len(got) != len(want) || len(want) != 2 {
		t.Fatalf("rows or templates differ: %d templates, want %d", len(got), len(want))
	}
	if !bytes.HasPrefix(texts, []byte("kept")) {
		t.Errorf("texts = %.20q…, want it to start with what was in it", texts)
	}
	for i := range got {
		if !bytes.Equal(got[i].Text, want[i].Text) || got[i].Hash != want[i].Hash || got[i].ID != want[i].ID {
			t.Errorf("template %d = %x %.40q, want %x %.40q", i, got[i].ID, got[i].Text, want[i].ID, want[i].Text)
		}
		if !bytes.Contains(texts, got[i].Text) {
			t.Errorf("template %d's text is not in texts", i)
		}
	}
}

// BenchmarkSplit splits rows like those of examples/bench's "/": a list of
// 200 items in a segment slot.
func BenchmarkSplit(b *testing.B) {
	long := `["$","li","%d",{"className":"item","children":[["$","span",null,{"className":"id","children":["#",%d]}]," ",["$","strong",null,{"className":"title","children":"Item %d"}]," ",["$","span",null,{"className":"desc","children":"This is the short description of item number."}]," ",["$","span",null,{"className":"badge badge-hot","children":"hot"}]]}]`
	rows := page(`["$","$L4","/",{"children":["$","ul",null,{"className":"items","children":[` + items(200, long) + `]}],"id":"/"}]`)
	dst := make([]byte, 0, len(rows))
	b.SetBytes(int64(len(rows)))
	b.ReportAllocs()
	for b.Loop() {
		_, tpls := Split(dst[:0], rows, func() int { return 0x2a })
		if len(tpls) != 1 {
			b.Fatal(len(tpls))
		}
	}
}

// str finds a JSON string's end and whether its escapes are plain, as a
// byte-by-byte reading does, with the quote or backslash at every place
// of the eight-byte blocks it reads.
func TestStrEveryPlace(t *testing.T) {
	naive := func(b []byte, i int) (int, bool) {
		if i >= len(b) || b[i] != '"' {
			return -1, false
		}
		plain := i+1 >= len(b) || b[i+1] != '$' || i+2 < len(b) && b[i+2] == '$'
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '"':
				return j + 1, plain
			case '\\':
				if j+1 >= len(b) {
					return -1, false
				}
				if c := b[j+1]; c != '"' && c != '\\' && c != 'n' && c != 't' {
					plain = false
				}
				j++
			}
		}
		return -1, false
	}
	for n := 0; n < 20; n++ {
		for _, ins := range []string{`"`, `\"`, `\\`, `\u0041`, `\n`, "\x80\"", `"""`} {
			for at := 0; at <= n; at++ {
				body := []byte(strings.Repeat("a", n))
				s := append(append(append([]byte(`"`), body[:at]...), ins...), body[at:]...)
				for _, tail := range []string{`"`, `",1]`, ``} {
					b := append(append([]byte(nil), s...), tail...)
					gotEnd, gotPlain := str(b, 0)
					wantEnd, wantPlain := naive(b, 0)
					if gotEnd != wantEnd || gotPlain != wantPlain {
						t.Fatalf("str(%q) = %d, %v; want %d, %v", b, gotEnd, gotPlain, wantEnd, wantPlain)
					}
				}
			}
		}
	}
}
