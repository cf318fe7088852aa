package jsonx

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendStringMatchesJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "\n\r\t\b\f\x00\x1f", "é 漢字 🎉", "\u2028\u2029", "<script></script>"} {
		got := string(AppendString(nil, s))
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil || back != s {
			t.Errorf("AppendString(%q) = %s, decodes to %q (%v)", s, got, back, err)
		}
	}
	if got := string(AppendString(nil, "a\xffb")); got != "\"a\ufffdb\"" {
		t.Errorf("invalid UTF-8: %s", got)
	}
}

func TestAppendScriptString(t *testing.T) {
	for _, s := range []string{"", `0:["$","p",null,{"children":"</script><!--x-->"}]` + "\n", "\u2028\u2029é🎉", "\x00\x1f\t"} {
		got := AppendScriptString(nil, s)
		if strings.ContainsAny(string(got), "<\u2028\u2029") {
			t.Errorf("AppendScriptString(%q) = %s leaves a character unescaped", s, got)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil || back != s {
			t.Errorf("AppendScriptString(%q) = %s, decodes to %q (%v)", s, got, back, err)
		}
	}
	if got := AppendScriptString(nil, "a\xffb"); !utf8.Valid(got) {
		t.Errorf("invalid UTF-8 passed through: %q", got)
	}
}

func TestAppendFloat(t *testing.T) {
	for f, want := range map[float64]string{0: "0", 1: "1", -2.5: "-2.5", 1e21: "1e+21", 1.5e-7: "1.5e-7", 123456789012: "123456789012", 0.000001: "0.000001", math.MaxFloat64: "1.7976931348623157e+308",
		math.Copysign(0, -1): "0", -42: "-42", 1 << 53: "9007199254740992", 1<<53 - 1: "9007199254740991", -(1<<53 - 1): "-9007199254740991", 1e20: "100000000000000000000"} {
		if got := string(AppendFloat(nil, f)); got != want {
			t.Errorf("AppendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

// TestAppendScriptTemplateInNode evaluates the literal with Node's own
// JavaScript parser and checks it yields the input exactly.
func TestAppendScriptTemplateInNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required under CI=true")
		}
		t.Skip("node not found")
	}
	inputs := []string{
		"", "plain", `0:["$","p",null,{"children":"a\"b\\c"}]` + "\n", "`${x}` $ {", "</script><!-- x -->",
		"\r\n\r", "\u2028\u2029é🎉", "\\u0041\\x41", "$${{}}", "\x00\x01\t",
		"\x001\x0012", // not an octal escape
	}
	var prog strings.Builder
	prog.WriteString("const got = [")
	for _, s := range inputs {
		prog.Write(AppendScriptTemplate(nil, []byte(s)))
		prog.WriteString(",")
	}
	prog.WriteString("]; process.stdout.write(JSON.stringify(got));")
	cmd := exec.Command(node, "-")
	cmd.Stdin = strings.NewReader(prog.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, s := range inputs {
		if got[i] != s {
			t.Errorf("template literal of %q evaluated to %q", s, got[i])
		}
		if lit := AppendScriptTemplate(nil, []byte(s)); strings.Contains(string(lit), "<") {
			t.Errorf("literal of %q contains '<': %s", s, lit)
		}
	}
}

// TestAppendScriptTemplateHTMLSafe checks that the literal of every ASCII
// character, and of non-ASCII text, holds none of the characters the HTML
// parser rewrites or acts on inside a <script>: NUL (read as U+FFFD), CR
// (read as LF) and '<' (which can start "</script>" or "<!--").
func TestAppendScriptTemplateHTMLSafe(t *testing.T) {
	var all []byte
	for c := 0; c < 0x80; c++ {
		all = append(all, byte(c))
	}
	all = append(all, "é漢🎉\u2028\u2029\ufeff"...)
	lit := AppendScriptTemplate(nil, all)
	if i := strings.IndexAny(string(lit), "\x00\r<"); i >= 0 {
		t.Errorf("the literal holds %q at %d: %q", lit[i], i, lit)
	}
	if !utf8.Valid(lit) {
		t.Errorf("the literal is not UTF-8: %q", lit)
	}
}

// The scan of valid UTF-8 by kind of escape writes what the byte by byte
// scan writes.
func TestAppendScriptTemplateScans(t *testing.T) {
	pieces := []string{"a", "$", "{", "${", "$${", "\\", "`", "<", "</script>", "\r", "\n", "\x00", "0", "é", "\u2028", "🎉", "\"", "}"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(30) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := []byte(sb.String())
		got := string(AppendScriptTemplate(nil, s))
		want := string(appendTemplateBytes(nil, s))
		if got != want {
			t.Fatalf("%q: scans give %s, byte by byte %s", s, got, want)
		}
	}
}

// refQuoted is appendQuoted one byte at a time, as it was written before
// it scanned words: the word scan must not change a byte.
func refQuoted(s string, script bool) string {
	b := []byte{'"'}
	for _, r := range s { // each invalid byte is a U+FFFD
		switch {
		case r == '"':
			b = append(b, `\"`...)
		case r == '\\':
			b = append(b, `\\`...)
		case r == '<' && script:
			b = append(b, `\u003c`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\b':
			b = append(b, `\b`...)
		case r == '\f':
			b = append(b, `\f`...)
		case r < 0x20:
			b = append(b, fmt.Sprintf(`\u%04x`, r)...)
		case script && (r == '\u2028' || r == '\u2029'):
			b = append(b, fmt.Sprintf(`\u%04x`, r)...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(append(b, '"'))
}

func TestAppendQuotedMatchesReference(t *testing.T) {
	pieces := []string{"a", "Z", " ", "~", "\x7f", "\x1f", "\x00", "\x20", "\"", "\\", "<", ">", "é", "\u2028", "🎉", "\xff", "\xe2\x80", "!", "#", "[", "]"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := string(AppendString(nil, s)), refQuoted(s, false); got != want {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got, want)
		}
		if got, want := string(AppendScriptString(nil, s)), refQuoted(s, true); got != want {
			t.Fatalf("AppendScriptString(%q) = %s, want %s", s, got, want)
		}
	}
}

// safeRun stops at the first byte that needs an escape, wherever it is
// in a word.
func TestSafeRun(t *testing.T) {
	for _, script := range []bool{false, true} {
		safe := &jsonSafe
		if script {
			safe = &scriptSafe
		}
		w := make([]byte, 11)
		for c := 0; c < 256; c++ {
			for p := range len(w) {
				for i := range w {
					w[i] = 'a'
				}
				w[p] = byte(c)
				want := len(w)
				if !safe[c] {
					want = p
				}
				if got := safeRun(string(w), 0, safe, script); got != want {
					t.Fatalf("script %v, byte %#x at %d: safeRun = %d, want %d", script, c, p, got, want)
				}
			}
		}
	}
}

// AppendString's word-at-a-time path finds a byte to escape wherever it
// is in a string of 8 to 24 bytes.
func TestAppendStringWords(t *testing.T) {
	buf := make([]byte, 0, 64)
	for n := 1; n <= 25; n++ {
		w := make([]byte, n)
		for c := 0; c < 256; c++ {
			for p := range n {
				for i := range w {
					w[i] = byte('a' + i)
				}
				w[p] = byte(c)
				if got, want := string(AppendString(buf[:1], string(w))), "\x00"+refQuoted(string(w), false); got != want {
					t.Fatalf("AppendString(%q) = %q, want %q", w, got, want)
				}
			}
		}
	}
}

// AppendString writes the same into a buffer with room (its fast path
// for short strings) as into one without.
func TestAppendStringWithRoom(t *testing.T) {
	pieces := []string{"a", "Z", " ", "~", "\x7f", "\x1f", "\x00", "\"", "\\", "<", "é", "\u2028", "🎉", "\xff", "\xe2\x80", "0123456"}
	r := rand.New(rand.NewPCG(5, 6))
	buf := make([]byte, 0, 512)
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(12) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		prefix := buf[:r.IntN(3)]
		for _, script := range []bool{false, true} {
			got := string(appendQuoted(prefix, s, script))
			if want := string(prefix) + refQuoted(s, script); got != want {
				t.Fatalf("appendQuoted(%q, script %v) with room = %q, want %q", s, script, got, want)
			}
		}
		if got, want := string(AppendString(prefix, s)), string(prefix)+refQuoted(s, false); got != want {
			t.Fatalf("AppendString(%q) with room = %q, want %q", s, got, want)
		}
	}
}

// benchStrings are the strings of a typical Flight row: tags, prop names,
// classes, keys and short texts, and a few longer ones.
var benchStrings = []string{
	"li", "17", "className", "item", "span", "id", "#", " ", "strong", "title", "Item 17",
	"desc", "The seventeenth item of the list, described", "span", "badge badge-new", "new",
	"children", "$", "a", "href", "/items/17", "Hello, world", "div", "p",
}

func BenchmarkAppendString(b *testing.B) {
	buf := make([]byte, 0, 64<<10)
	n := 0
	for _, s := range benchStrings {
		n += len(s) + 2
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		buf = buf[:0]
		for _, s := range benchStrings {
			buf = AppendString(buf, s)
		}
	}
}

// AppendString and AppendScriptString write what the reference writer
// does, for any bytes, with and without room in the buffer.
func FuzzAppendString(f *testing.F) {
	for _, s := range append(benchStrings, "a\"b\\c", "\x00\x1f\x7f", "é\u2028🎉", "\xff\xe2\x80", "</script>") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		room := make([]byte, 1, 2*len(s)+16)
		for _, b := range [][]byte{nil, room} {
			if got, want := string(AppendString(b, s)), string(b)+refQuoted(s, false); got != want {
				t.Fatalf("AppendString(%q) = %q, want %q", s, got, want)
			}
			if got, want := string(AppendScriptString(b, s)), string(b)+refQuoted(s, true); got != want {
				t.Fatalf("AppendScriptString(%q) = %q, want %q", s, got, want)
			}
		}
	})
}
