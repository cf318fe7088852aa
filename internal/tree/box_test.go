package tree

import (
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Boxed texts and keys are the same values as Text(s) and Key(s): type
// switches, assertions and comparisons see no difference, from many
// goroutines at once, across chunks, and after collections.
func TestNewTextIsText(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var nodes []Node
			var want []string
			for i := 0; i < 1000; i++ {
				s := strings.Repeat("x", i%70) + string(rune('a'+g))
				want = append(want, s)
				if i%2 == 0 {
					nodes = append(nodes, NewText(s))
				} else {
					nodes = append(nodes, NewKey(s))
				}
				if i%300 == 0 {
					runtime.GC()
				}
			}
			for i, n := range nodes {
				switch v := n.(type) {
				case Text:
					if i%2 != 0 || string(v) != want[i] || n != Node(Text(want[i])) {
						t.Errorf("node %d: Text %q, want %q (key: %v)", i, v, want[i], i%2 != 0)
					}
				case Key:
					if i%2 != 1 || string(v) != want[i] || n != Node(Key(want[i])) {
						t.Errorf("node %d: Key %q, want %q", i, v, want[i])
					}
				default:
					t.Errorf("node %d: %T", i, n)
				}
			}
		}()
	}
	wg.Wait()
}

func TestNewTextAllocatesPerChunk(t *testing.T) {
	s := strings.Repeat("y", 10)
	got := testing.AllocsPerRun(10, func() {
		for i := 0; i < 640; i++ {
			_ = NewText(s[:i%10])
		}
	})
	if got > 11 {
		t.Errorf("%.0f allocations for 640 texts, want one per chunk of 64 (10, 11)", got)
	}
}

func TestNewNumberIsNumber(t *testing.T) {
	var nodes []Node
	for i := 0; i < 500; i++ {
		nodes = append(nodes, NewNumber(float64(i)/3))
		if i == 250 {
			runtime.GC()
		}
	}
	for i, n := range nodes {
		if v, ok := n.(Number); !ok || float64(v) != float64(i)/3 || n != Node(Number(float64(i)/3)) {
			t.Errorf("node %d = %#v", i, n)
		}
	}
}

// A one-byte text is the same node every time, equal to a plain Text, and
// allocates nothing.
func TestNewTextOneByte(t *testing.T) {
	for _, s := range []string{" ", "#", "\x00", "\xff", "|"} {
		n := NewText(s)
		if n != Node(Text(s)) {
			t.Errorf("NewText(%q) = %#v", s, n)
		}
		if tx, ok := n.(Text); !ok || string(tx) != s {
			t.Errorf("NewText(%q) is %T %q", s, n, tx)
		}
	}
	if a := testing.AllocsPerRun(100, func() { _ = NewText(" ") }); a != 0 {
		t.Errorf("NewText(\" \") allocates %v times", a)
	}
}
