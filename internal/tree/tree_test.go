package tree

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestNewSuspenseTakesKeys(t *testing.T) {
	fb := Text("loading")
	s := NewSuspense(fb, Key("k"), Text("a"), nil, Group{Text("b"), Key("k2")})
	if s.Key == nil || *s.Key != "k2" {
		t.Errorf("key = %v, want the last key given, k2", s.Key)
	}
	if len(s.Children) != 2 || s.Children[0] != Text("a") || s.Children[1] != Text("b") {
		t.Errorf("children = %#v, want [a b]", s.Children)
	}
	if s.Fallback != fb {
		t.Errorf("fallback = %#v", s.Fallback)
	}
	if s := NewSuspense(nil, Text("x")); s.Key != nil {
		t.Errorf("unkeyed boundary has key %q", *s.Key)
	}
}

func TestPromise(t *testing.T) {
	ctx := context.Background()
	p := NewPromise(ctx, func(context.Context) (any, error) { return 42, nil })
	if v, err := p.Result(); v != 42 || err != nil {
		t.Errorf("Result = %v, %v", v, err)
	}
	if !p.Settled() {
		t.Error("not settled after Result")
	}

	boom := errors.New("boom")
	if _, err := NewPromise(ctx, func(context.Context) (any, error) { return nil, boom }).Result(); err != boom {
		t.Errorf("rejection = %v", err)
	}

	// A panic rejects the promise instead of killing the process.
	_, err := NewPromise(ctx, func(context.Context) (any, error) { panic("kaput") }).Result()
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "kaput" || !strings.Contains(err.Error(), "kaput") || len(pe.Stack) == 0 {
		t.Errorf("panic: err = %v", err)
	}

	// A promise resolved with a promise takes its value, as in JavaScript.
	inner := NewPromise(ctx, func(context.Context) (any, error) { return "deep", nil })
	outer := NewPromise(ctx, func(context.Context) (any, error) { return inner, nil })
	if v, err := outer.Result(); v != "deep" || err != nil {
		t.Errorf("flattened = %v, %v", v, err)
	}
	if Resolved(inner) != inner {
		t.Error("Resolved(promise) is not that promise")
	}
	if v, err := Rejected(boom).Result(); v != nil || err != boom {
		t.Errorf("Rejected = %v, %v", v, err)
	}

	// The function gets the context, and sees it cancelled.
	cctx, cancel := context.WithCancel(ctx)
	started := make(chan struct{})
	p = NewPromise(cctx, func(ctx context.Context) (any, error) {
		close(started)
		<-ctx.Done()
		return nil, ctx.Err()
	})
	<-started
	if p.Settled() {
		t.Error("settled before its function returned")
	}
	cancel()
	if _, err := p.Result(); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}

func TestPlainAndHoistFree(t *testing.T) {
	comp := &Component{Fn: func(context.Context) (Node, error) { return nil, nil }}
	for _, c := range []struct {
		name             string
		el               *Element
		plain, hoistFree bool
	}{
		{"text", El("p", Attr{Name: "className", Value: "x"}, Text("a"), Number(1)), true, true},
		{"empty", El("br"), true, true},
		{"nested", El("ul", El("li", Key("1"), El("span", Text("a"))), nil), true, true},
		{"fragment", El("ul", NewFragment(nil, []Node{El("li"), Text("x"), nil})), true, true},
		{"group", El("div", Group{Text("a"), El("b")}), true, true},
		{"component", El("div", El("p", comp)), false, false},
		{"client", El("div", &ClientRef{Module: "m"}), false, false},
		{"suspense", El("div", NewSuspense(nil, Text("x"))), false, false},
		{"title", El("head", El("title", Text("t"))), true, false},
		{"img", El("img"), true, false},
		{"literal fragment", El("div", &Fragment{Children: []Node{Text("a")}}), false, false},
		{"literal element", El("div", &Element{Tag: "p"}), false, false},
	} {
		if got := c.el.Plain(); got != c.plain {
			t.Errorf("%s: Plain() = %v", c.name, got)
		}
		if got := c.el.HoistFree(); got != c.hoistFree {
			t.Errorf("%s: HoistFree() = %v", c.name, got)
		}
	}
	if (&Element{Tag: "p"}).Plain() {
		t.Error("an element not built by El claims to be plain")
	}
}

// Children set after El void what it noted.
func TestFlagsVoidedByAppend(t *testing.T) {
	li := El("li", Text("item"))
	if !li.Plain() || !li.HoistFree() {
		t.Fatal("a text-only element is not plain")
	}
	li.SetChildren(append(li.Children(), &ClientRef{Module: "m"}))
	if li.Plain() || li.HoistFree() {
		t.Error("an element with a client reference appended still claims to be plain")
	}
	if ul := El("ul", li); ul.Plain() {
		t.Error("its parent claims to be plain")
	}
	f := NewFragment(nil, []Node{Text("a")})
	f.Children = append(f.Children, &Component{})
	if f.Plain() || f.HoistFree() {
		t.Error("a fragment with a component appended still claims to be plain")
	}
}

func TestSimple(t *testing.T) {
	for _, c := range []struct {
		name   string
		el     *Element
		simple bool
	}{
		{"scalars", El("p", Attr{Name: "className", Value: "x"}, Attr{Name: "hidden", Value: true},
			Attr{Name: "tabIndex", Value: 1}, Attr{Name: "x", Value: 1.5}, Attr{Name: "y", Value: nil}, Text("a"), Number(2)), true},
		{"nested", El("ul", El("li", Key("1"), El("span", Text("a")))), true},
		{"style map", El("p", Attr{Name: "style", Value: map[string]any{"color": "red"}}), false},
		{"int64", El("p", Attr{Name: "x", Value: int64(1)}), false},
		{"below", El("div", El("p", Attr{Name: "style", Value: map[string]any{}})), false},
		{"fragment child", El("ul", NewFragment(nil, []Node{El("li")})), false},
		{"noscript", El("noscript", Text("x")), false},
		{"in noscript", El("div", El("noscript")), false},
		{"picture", El("picture"), false},
		{"img", El("div", El("img")), false},
		{"component", El("div", &Component{}), false},
	} {
		if got := c.el.Simple(); got != c.simple {
			t.Errorf("%s: Simple() = %v", c.name, got)
		}
	}
}
