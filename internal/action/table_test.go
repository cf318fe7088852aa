package action

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func refTestDef(t *testing.T) *Def {
	t.Helper()
	d, err := Register(func(context.Context, int, string) error { return nil }, 0, "action.refTest")
	if err != nil {
		if d = Lookup("action.refTest"); d == nil {
			t.Fatal(err)
		}
	}
	return d
}

// RefID seals bound arguments so that Unseal gives them back, the same
// arguments always make the same reference (from the cache or not), and
// other arguments, another action or another secret make another.
func TestRefIDSealsAndCaches(t *testing.T) {
	d := refTestDef(t)
	tab := NewTable([]byte("secret one"))
	ref := func(tab *Table, bound ...any) string {
		t.Helper()
		s, err := tab.RefID(&Ref{Def: d, Bound: bound})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := ref(tab, 7, "a")
	id, seal := SplitRef(first)
	if id != tab.ID(d.Name) || seal == "" {
		t.Fatalf("RefID = %q: want %s.<seal>", first, tab.ID(d.Name))
	}
	got, err := tab.Unseal(id, seal)
	if err != nil {
		t.Fatal(err)
	}
	// Numbers come back as the reply decoder reads JSON numbers.
	if len(got) != 2 || fmt.Sprint(got[0]) != "7" || got[1] != "a" {
		t.Fatalf("Unseal = %#v, want [7 \"a\"]", got)
	}
	if again := ref(tab, 7, "a"); again != first {
		t.Errorf("the same bound arguments again: %q, want %q", again, first)
	}
	if fresh := ref(NewTable([]byte("secret one")), 7, "a"); fresh != first {
		t.Errorf("a new table with the same secret: %q, want %q", fresh, first)
	}
	if other := ref(tab, 8, "a"); other == first {
		t.Error("other bound arguments made the same reference")
	}
	if other := ref(NewTable([]byte("secret two")), 7, "a"); other == first {
		t.Error("another secret made the same reference")
	}
	// A memoized reference belongs to its table.
	r := &Ref{Def: d, Bound: []any{7, "a"}}
	if _, err := tab.RefID(r); err != nil {
		t.Fatal(err)
	}
	if s, _ := NewTable([]byte("secret two")).RefID(r); s == first {
		t.Error("a Ref sealed under one table answered another with its seal")
	}
}

// The cache starts over when full, and references stay right across.
func TestRefIDCacheStartsOver(t *testing.T) {
	d := refTestDef(t)
	tab := NewTable([]byte("secret"))
	first, err := tab.RefID(&Ref{Def: d, Bound: []any{0, "x"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxSealCache + 10 {
		if _, err := tab.RefID(&Ref{Def: d, Bound: []any{i, "x"}}); err != nil {
			t.Fatal(err)
		}
	}
	if tab.nSeals > maxSealCache {
		t.Errorf("cache holds %d references, more than %d", tab.nSeals, maxSealCache)
	}
	if again, _ := tab.RefID(&Ref{Def: d, Bound: []any{0, "x"}}); again != first {
		t.Errorf("after the cache started over: %q, want %q", again, first)
	}
}

// A bound value that is not plain data is refused with the action's name.
func TestRefIDRefusesNonPlain(t *testing.T) {
	d := refTestDef(t)
	_, err := NewTable([]byte("s")).RefID(&Ref{Def: d, Bound: []any{make(chan int)}})
	if err == nil || !strings.Contains(err.Error(), d.Name) {
		t.Fatalf("err = %v, want an error naming %s", err, d.Name)
	}
}

// The reference of an action whose bound arguments are in the cache
// costs no allocation.
func TestRefIDCachedAllocatesNothing(t *testing.T) {
	d := refTestDef(t)
	tab := NewTable([]byte("secret"))
	bound := []any{42, "slug"}
	if _, err := tab.RefID(&Ref{Def: d, Bound: bound}); err != nil {
		t.Fatal(err)
	}
	r := &Ref{Def: d, Bound: bound}
	if n := testing.AllocsPerRun(100, func() {
		r.sealed.Store(nil)
		if _, err := tab.RefID(r); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("RefID from the cache: %v allocations, want 0", n)
	}
}

// Bind appends to the values bound before, in a Ref of its own, and
// refuses more values than the action takes.
func TestBind(t *testing.T) {
	d, err := Register(func(context.Context, int, string, bool) error { return nil }, 0, "action.bindTest")
	if err != nil {
		t.Fatal(err)
	}
	base := &Ref{Def: d}
	one, err := base.Bind([]any{1})
	if err != nil {
		t.Fatal(err)
	}
	two, err := one.Bind([]any{"x"})
	if err != nil {
		t.Fatal(err)
	}
	three, err := two.Bind([]any{true})
	if err != nil {
		t.Fatal(err)
	}
	other, err := one.Bind([]any{"y"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		r    *Ref
		want string
	}{{base, "[]"}, {one, "[1]"}, {two, "[1 x]"}, {three, "[1 x true]"}, {other, "[1 y]"}} {
		if got := fmt.Sprint(c.r.Bound); got != c.want || c.r.Def != d {
			t.Errorf("Bound = %s, want %s", got, c.want)
		}
	}
	if _, err := three.Bind([]any{4}); err == nil {
		t.Error("Bind accepted a fourth value for an action of three arguments")
	}
}
