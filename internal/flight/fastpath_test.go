package flight

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The fast paths write exactly what the general encoder writes.

func TestPlainScalarsFastPath(t *testing.T) {
	for _, v := range [][]any{
		{1}, {0}, {-7}, {1 << 60}, {"x"}, {""}, {"$x"}, {"$"}, {`a"b\c`}, {"é\u2028</script>"},
		{strings.Repeat("long ", 400)}, {true, false}, {1, "two", true},
	} {
		fast, ok := appendPlainScalars(nil, v)
		if !ok {
			t.Fatalf("%#v: fast path refused", v)
		}
		e := &Encoder{r: plainOnly{}, nextID: 1, plain: true}
		slow, err := e.value(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if string(fast) != string(slow) {
			t.Errorf("%#v: fast %s, encoder %s", v, fast, slow)
		}
	}
	for _, v := range []any{[]any{}, []any{1.5}, []any{nil}, []any{int64(3)}, []int{1}, "x"} {
		if _, ok := appendPlainScalars(nil, v); ok {
			t.Errorf("%#v: fast path taken", v)
		}
	}
}

func TestAnyMapFastPath(t *testing.T) {
	type named map[string]any
	for _, m := range []map[string]any{
		{}, {"display": "inline"}, {"b": 1, "a": "x", "10": true, "2": nil, "$k": "$v", "a:b": []any{1}},
		{"nested": map[string]any{"z": 1, "y": map[string]any{}}},
	} {
		fast, err := NewEncoder(plainOnly{}).Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		// A named map type takes the general reflection path.
		slow, err := NewEncoder(plainOnly{}).Encode(named(m))
		if err != nil {
			t.Fatal(err)
		}
		if string(fast) != string(slow) {
			t.Errorf("%v: fast %s, reflection %s", m, fast, slow)
		}
	}
}

// sortedKeys and sortedEntries order keys as compareKeys does, with or without keys that
// may be array indices.
func TestSortedKeysOrder(t *testing.T) {
	pieces := []string{"a", "b", "0", "1", "9", "10", "01", "4294967294", "4294967295", "-1", "$", ":", "é", "A", "_", ""}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		m := map[string]any{}
		for range r.IntN(8) {
			k := pieces[r.IntN(len(pieces))]
			if r.IntN(2) == 0 {
				k += pieces[r.IntN(len(pieces))]
			}
			m[k] = nil
		}
		got := sortedKeys(nil, m)
		want := slices.SortedFunc(maps.Keys(m), compareKeys)
		if !slices.Equal(got, want) {
			t.Fatalf("sortedKeys = %q, want %q", got, want)
		}
		var entries []string
		for _, kv := range sortedEntries(nil, m) {
			entries = append(entries, kv.k)
		}
		if !slices.Equal(entries, want) {
			t.Fatalf("sortedEntries = %q, want %q", entries, want)
		}
	}
}

func TestAppendHex(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 15, 16, 17, 255, 256, 4095, 4096, 1<<31 - 1, 1 << 40, math.MaxInt} {
		if got, want := string(appendHex([]byte("x"), n)), "x"+strconv.FormatInt(int64(n), 16); got != want {
			t.Errorf("appendHex(%d) = %s, want %s", n, got, want)
		}
	}
}
