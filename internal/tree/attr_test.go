package tree

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestStrAttr(t *testing.T) {
	a, ok := StrAttr("className", "item").(*Attr)
	if !ok || a.Name != "className" || a.Value != "item" {
		t.Fatalf("StrAttr = %#v", a)
	}
	if b := StrAttr("className", "item"); b != Node(a) {
		t.Error("the same attribute again is not shared")
	}
	if b := StrAttr("id", "item").(*Attr); b.Name != "id" || b.Value != "item" {
		t.Errorf("another name with the same value: %#v", b)
	}
	// Strings sharing an address: a prefix is another value.
	items := strings.Repeat("items", 1)
	whole, prefix := StrAttr("className", items).(*Attr), StrAttr("className", items[:4]).(*Attr)
	if whole.Value != "items" || prefix.Value != "item" {
		t.Errorf("values sharing an address: %q, %q", whole.Value, prefix.Value)
	}
	if again := StrAttr("className", strings.Clone(items)).(*Attr); again.Value != "items" {
		t.Errorf("the same value at another address: %q", again.Value)
	}
	long := strings.Repeat("x", maxShared)
	if StrAttr("className", long) == StrAttr("className", long) {
		t.Error("a long value is shared")
	}
	el := El("p", StrAttr("className", "x"), Text("t"))
	if len(el.Attrs()) != 1 || el.Attrs()[0] != (Attr{Name: "className", Value: "x"}) || !el.Simple() {
		t.Errorf("El took %#v (simple %v)", el.Attrs(), el.Simple())
	}
}

// Goroutines making attributes at once, most of them colliding in the
// table, each get their own name and value (go test -race).
func TestStrAttrConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5000 {
				v := fmt.Sprint(i % 3000)
				name := []string{"className", "id", "type"}[(g+i)%3]
				a := StrAttr(name, v).(*Attr)
				if a.Name != name || a.Value != v {
					t.Errorf("StrAttr(%q, %q) = %q=%v", name, v, a.Name, a.Value)
					return
				}
			}
		}()
	}
	wg.Wait()
}
