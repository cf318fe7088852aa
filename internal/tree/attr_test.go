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
	if len(el.Attrs()) != 1 || *el.Attrs()[0] != (Attr{Name: "className", Value: "x"}) || !el.Simple() {
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

// An element keeps its attributes by pointer: an Attr node's own box, a
// StrAttr's shared one, or one read from another element's Attrs (a nil
// *Attr is dropped like a nil node), on both of El's paths.
func TestAttrsKeptByPointer(t *testing.T) {
	shared := StrAttr("className", "x")
	style := Attr{Name: "style", Value: map[string]any{"color": "red"}}
	var none *Attr
	for _, el := range []*Element{
		El("p", Key("k"), shared, style, none, Text("a")),
		El("p", Key("k"), Group{shared, style, none}, Text("a")), // elNested
	} {
		as := el.Attrs()
		if len(as) != 2 || as[0] != shared.(*Attr) || as[1].Name != "style" || *el.Key() != "k" || len(el.Children()) != 1 {
			t.Fatalf("attrs %v, key %q, children %v", as, *el.Key(), el.Children())
		}
		if el.Simple() {
			t.Error("an element with a style map claims to be simple")
		}
		// Passed on to another element, the attributes stay the same.
		c := El("div", as[0], as[1])
		if c.Attrs()[0] != as[0] || c.Attrs()[1] != as[1] || c.Simple() {
			t.Errorf("copied attrs %v (simple %v)", c.Attrs(), c.Simple())
		}
	}
}
