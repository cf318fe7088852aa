package ssr

import (
	"bytes"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// WHATWG's UTF-8 decoder replaces each maximal subpart of an ill-formed
// sequence with one U+FFFD (Encoding Standard §4.1; Unicode §3.9 table 3-8).
func TestDecodeUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                    "plain",
		"é€😀":                      "é€😀",
		"a\xffb":                   "a\uFFFDb",
		"\xf0\x90\x80":             "\uFFFD",             // a truncated 4-byte sequence
		"\xf0\x90\x80z":            "\uFFFDz",            // one subpart
		"\xe0\x80\x80":             "\uFFFD\uFFFD\uFFFD", // E0 needs A0..BF next
		"\xed\xa0\x80":             "\uFFFD\uFFFD\uFFFD", // a surrogate
		"\xc0\xaf":                 "\uFFFD\uFFFD",       // overlong
		"\xf4\x90\x80\x80":         "\uFFFD\uFFFD\uFFFD\uFFFD",
		"\xe2\x82":                 "\uFFFD",
		"\xe2\x82\xe2\x82\xac":     "\uFFFD€",
		"\x80\x80":                 "\uFFFD\uFFFD",
		"\xf1\x80\x80\xe1\x80\xc2": "\uFFFD\uFFFD\uFFFD",
	} {
		if got := decodeUTF8([]byte(in)); got != want {
			t.Errorf("decodeUTF8(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecodeUTF8(f *testing.F) {
	for _, s := range []string{"", "abc", "é", "\xf0\x90\x80", "\xed\xa0\x80", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := decodeUTF8(b)
		if !utf8.ValidString(s) {
			t.Fatalf("decodeUTF8(%q) = %q is not UTF-8", b, s)
		}
		if utf8.Valid(b) && s != string(b) {
			t.Fatalf("decodeUTF8 changed valid %q", b)
		}
		// Every valid character of the input survives, in order, and
		// there are never more replacements than invalid bytes.
		kept := strings.ReplaceAll(s, "\uFFFD", "")
		orig := strings.ReplaceAll(strings.ToValidUTF8(string(b), ""), "\uFFFD", "")
		if kept != orig {
			t.Fatalf("decodeUTF8(%q) = %q lost characters (%q vs %q)", b, s, kept, orig)
		}
		if n := strings.Count(s, "\uFFFD") - strings.Count(string(b), "\uFFFD"); n > len(b)-len(strings.ToValidUTF8(string(b), "")) {
			t.Fatalf("decodeUTF8(%q) = %q: %d replacements", b, s, n)
		}
	})
}

// Text of every size and script round-trips through the engine's
// TextEncoder and TextDecoder: the component receives it through the
// Flight client (TextDecoder) and React writes it (TextEncoder).
func TestTextRoundTrip(t *testing.T) {
	e, r := testEngine(t, Options{CacheBytes: -1})
	long := strings.Repeat("ünïcödé 😀 ", 300) // a text row of its own in Flight
	for _, s := range []string{"", "ascii", "é€😀", long} {
		res, err := renderClient(t, e, r, client("components/Values.tsx#Values", map[string]any{
			"when": time.Unix(0, 0), "big": big.NewInt(1), "nan": 1, "text": s, "list": []int{},
		}))
		if err != nil {
			t.Fatal(err)
		}
		if want := `<span class="text">` + s + `</span>`; !bytes.Contains(res.HTML, []byte(want)) {
			t.Errorf("text %.40q… lost in %.300s", s, res.HTML)
		}
	}
}

// Renders run concurrently on a pool smaller than the number of callers.
func TestConcurrentRenders(t *testing.T) {
	e, r := testEngine(t, Options{Size: 2, CacheBytes: -1})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				res, err := renderClient(t, e, r, client("components/Values.tsx#Counter", map[string]any{"start": i*10 + j}))
				if err != nil {
					t.Error(err)
					return
				}
				if want := "Count: <!-- -->" + strconv.Itoa(i*10+j); !strings.Contains(string(res.HTML), want) {
					t.Errorf("got %s, want %s", res.HTML, want)
				}
			}
		}()
	}
	wg.Wait()
	if st := e.Stats(); st.LiveVMs > 2 {
		t.Errorf("%d VMs for a pool of 2", st.LiveVMs)
	}
}
