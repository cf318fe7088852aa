package flight_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

type profile struct {
	Name    string    `json:"name"`
	Created chan int  `json:"Created"`
	When    time.Time `json:"when"`
}

type node struct {
	Name string `json:"name"`
	Next *node  `json:"next"`
}

type withFunc struct {
	OnClick func() `json:"onClick"`
}

type withNilFunc struct {
	OnClick func() `json:"onClick"`
	N       int    `json:"n"`
}

// Values that cannot cross to the browser fail the render with an error
// that names the prop path, its Go type and the component.
func TestBoundaryErrors(t *testing.T) {
	loop := &node{Name: "a"}
	loop.Next = &node{Name: "b", Next: loop}
	selfMap := map[string]any{}
	selfMap["self"] = selfMap
	selfSlice := []any{nil}
	selfSlice[0] = selfSlice
	x := 1
	cases := []struct {
		name  string
		props any
		want  string
	}{
		{"channel in struct", map[string]any{"user": profile{Name: "a", Created: make(chan int)}},
			`gorsc: prop "user.Created" (chan int) of client component components/Counter.tsx#Counter cannot be sent to the client`},
		{"plain func", map[string]any{"onClick": func() {}},
			`gorsc: prop "onClick" (func()) of client component components/Counter.tsx#Counter is a function and cannot be sent to the client: only server actions (gorsc.Action) can be`},
		{"func field", withFunc{OnClick: func() {}},
			`gorsc: prop "onClick" (func()) of client component components/Counter.tsx#Counter is a function and cannot be sent to the client: only server actions (gorsc.Action) can be`},
		// A cycle is sent as a path reference (TestFlightGolden's
		// value-cycle-* cases), but a path cannot spell a key holding ':':
		// under one, as in React, a cycle cannot be sent.
		{"pointer cycle under a colon key", map[string]any{"x:list": loop},
			`gorsc: prop "x:list.next.next" (*flight_test.node) of client component components/Counter.tsx#Counter is part of a cycle and cannot be sent to the client`},
		{"map cycle under a colon key", map[string]any{"x:m": selfMap},
			`gorsc: prop "x:m.self" (map[string]interface {}) of client component components/Counter.tsx#Counter is part of a cycle and cannot be sent to the client`},
		{"slice cycle under a colon key", map[string]any{"x:s": selfSlice},
			`gorsc: prop "x:s.0" ([]interface {}) of client component components/Counter.tsx#Counter is part of a cycle and cannot be sent to the client`},
		{"complex", map[string]any{"z": complex(1, 2)},
			`gorsc: prop "z" (complex128) of client component components/Counter.tsx#Counter cannot be sent to the client`},
		{"unsafe pointer", map[string]any{"p": unsafe.Pointer(&x)},
			`gorsc: prop "p" (unsafe.Pointer) of client component components/Counter.tsx#Counter cannot be sent to the client`},
		{"bad map key", map[string]any{"m": map[[2]int]string{{1, 2}: "x"}},
			`gorsc: prop "m" (map[[2]int]string) of client component components/Counter.tsx#Counter cannot be sent to the client: map keys must be strings, integers or encoding.TextMarshalers`},
		{"nested in slice", map[string]any{"items": []any{1, map[string]any{"c": make(chan string)}}},
			`gorsc: prop "items.1.c" (chan string) of client component components/Counter.tsx#Counter cannot be sent to the client`},
		{"props not an object", 42,
			`gorsc: value (int) of client component components/Counter.tsx#Counter cannot be the props of a client component: props must be a struct or a map with string keys`},
	}
	r := writertest.Resolver{Corpus: &writertest.Corpus{Clients: map[string]writertest.ClientMeta{
		"components/Counter.tsx#Counter": {ID: "/a/Counter.js", Chunks: []string{}, Name: "Counter"},
	}}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := &tree.ClientRef{Module: "components/Counter.tsx", Export: "Counter", Props: c.props}
			_, err := flight.Encode(root, r)
			var be *flight.BoundaryError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want a *flight.BoundaryError", err)
			}
			if err.Error() != c.want {
				t.Errorf("err =\n  %s\nwant\n  %s", err, c.want)
			}
		})
	}

	// Shared values and cycles are fine (written as path references), and
	// so are nil funcs.
	shared := map[string]any{"k": 1}
	ok := map[string]any{"a": shared, "b": shared, "f": withNilFunc{N: 1}, "l": []any{shared, shared},
		"list": loop, "m": selfMap, "s": selfSlice}
	root := &tree.ClientRef{Module: "components/Counter.tsx", Export: "Counter", Props: ok}
	rows, err := flight.Encode(root, r)
	if err != nil {
		t.Errorf("shared values: %v", err)
	}
	for _, want := range []string{`"b":"$0:props:children:props:a"`, `"l":["$0:props:children:props:a","$0:props:children:props:a"]`, `"next":"$0:props:children:props:list"`, `"self":"$0:props:children:props:m"`, `"s":["$0:props:children:props:s"]`} {
		if !bytes.Contains(rows, []byte(want)) {
			t.Errorf("rows lack %s:\n%s", want, rows)
		}
	}
	// On a host element the component is the element.
	el := tree.NewElement("div", nil, []tree.Attr{{Name: "data-x", Value: make(chan int)}}, nil)
	_, err = flight.Encode(el, r)
	if want := `gorsc: prop "data-x" (chan int) of <div> cannot be sent to the client`; err == nil || err.Error() != want {
		t.Errorf("host element: err = %v, want %s", err, want)
	}
}

// Cycles are found however deep they start, and a value written twice
// side by side (not inside itself) is no cycle, however deep.
func TestDeepCycles(t *testing.T) {
	r := writertest.Resolver{Corpus: &writertest.Corpus{Clients: map[string]writertest.ClientMeta{
		"components/Counter.tsx#Counter": {ID: "/a/Counter.js", Chunks: []string{}, Name: "Counter"},
	}}}
	list := func(n int) []*node {
		nodes := make([]*node, n)
		for i := n - 1; i >= 0; i-- {
			nodes[i] = &node{Name: "n"}
			if i+1 < n {
				nodes[i].Next = nodes[i+1]
			}
		}
		return nodes
	}
	const n = 40
	encode := func(props map[string]any) error {
		_, err := flight.Encode(&tree.ClientRef{Module: "components/Counter.tsx", Export: "Counter", Props: props}, r)
		return err
	}
	for _, back := range []int{0, 5, 14, 15, 16, 17, 30, n - 1} {
		nodes := list(n)
		nodes[n-1].Next = nodes[back]
		// Under a key holding ':' no path is recorded: the cycle cannot be
		// sent as a reference.
		err := encode(map[string]any{"x:list": nodes[0]})
		want := `gorsc: prop "x:list` + strings.Repeat(".next", n) + `" (*flight_test.node) of client component components/Counter.tsx#Counter is part of a cycle and cannot be sent to the client`
		if err == nil || err.Error() != want {
			t.Errorf("cycle back to node %d: err = %v, want %s", back, err, want)
		}
	}
	nodes := list(n)
	if err := encode(map[string]any{"x:a": nodes[0], "x:b": nodes[0], "x:c": []any{nodes[0], nodes[0]}}); err != nil {
		t.Errorf("a deep list written side by side: %v", err)
	}
}
