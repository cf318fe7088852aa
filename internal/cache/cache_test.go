package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a fake clock for lifetimes.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTest(t *testing.T, maxBytes int64) (*Cache, *clock) {
	t.Helper()
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewMemory(Options{MaxBytes: maxBytes, Now: clk.now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return c, clk
}

// source is a data source whose loads are counted and whose value can be
// changed; a load waits while gate is set.
type source struct {
	mu    sync.Mutex
	value string
	err   error
	loads atomic.Int64
	gate  chan struct{}
}

func (s *source) load(ctx context.Context) (any, error) {
	s.loads.Add(1)
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	if gate != nil {
		<-gate
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value, s.err
}

func (s *source) set(v string, err error) {
	s.mu.Lock()
	s.value, s.err = v, err
	s.mu.Unlock()
}

func (s *source) hold() chan struct{} {
	g := make(chan struct{})
	s.mu.Lock()
	s.gate = g
	s.mu.Unlock()
	return g
}

func (s *source) release(g chan struct{}) {
	s.mu.Lock()
	s.gate = nil
	s.mu.Unlock()
	close(g)
}

var todos = &Def{Name: "todos", Tags: []string{"todos"}, Life: Life{Fresh: time.Minute, Stale: time.Hour}}

func get(t *testing.T, c *Cache, ctx context.Context, d *Def, src *source) string {
	t.Helper()
	v, err := c.Get(ctx, d, d.Name+"\x00", src.load)
	if err != nil {
		t.Fatalf("Get(%s): %v", d.Name, err)
	}
	return v.(string)
}

// waitLoads waits (bounded) for src to have loaded n times and for the
// load's entry to be kept.
func waitLoads(t *testing.T, c *Cache, src *source, n int64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.mu.Lock()
		busy := len(c.flights) > 0
		c.mu.Unlock()
		if src.loads.Load() >= n && !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("loads: %d, want %d", src.loads.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestSingleFlight(t *testing.T) {
	c, _ := newTest(t, 0)
	src := &source{value: "v1"}
	gate := src.hold()
	const callers = 50
	var wg sync.WaitGroup
	got := make([]string, callers)
	for i := range callers {
		wg.Go(func() {
			v, err := c.Get(context.Background(), todos, "todos\x00", src.load)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = v.(string)
		})
	}
	// Every caller is waiting on the one load.
	for c.Stats().Misses < callers {
		time.Sleep(time.Millisecond)
	}
	src.release(gate)
	wg.Wait()
	if n := src.loads.Load(); n != 1 {
		t.Errorf("%d callers of a missing key ran %d loads, want 1", callers, n)
	}
	for i, v := range got {
		if v != "v1" {
			t.Fatalf("caller %d got %q", i, v)
		}
	}
	// A caller that gives up does not fail the load for the others.
	gate = src.hold()
	src.set("v2", nil)
	c.Invalidate(context.Background(), []string{"todos"}, true)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { _, err := c.Get(ctx, todos, "todos\x00", src.load); errc <- err }()
	for src.loads.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: %v", err)
	}
	src.release(gate)
	waitLoads(t, c, src, 2)
	if v := get(t, c, context.Background(), todos, src); v != "v2" || src.loads.Load() != 2 {
		t.Errorf("after the abandoned load: %q, %d loads", v, src.loads.Load())
	}
}

// Within one request, a call with the same key runs once, even when the
// entry would be reloaded for another request (React's cache()).
func TestRequestMemo(t *testing.T) {
	c, clk := newTest(t, 0)
	src := &source{value: "v1"}
	d := &Def{Name: "memo", Life: Life{Fresh: time.Second, Stale: time.Second}}
	req := WithRequest(context.Background(), c, "/")
	if v := get(t, c, req, d, src); v != "v1" {
		t.Fatal(v)
	}
	clk.add(5 * time.Second) // expired for everyone else
	src.set("v2", nil)
	for range 3 {
		if v := get(t, c, req, d, src); v != "v1" {
			t.Errorf("same request: %q, want the memoized v1", v)
		}
	}
	if n := src.loads.Load(); n != 1 {
		t.Errorf("one request ran %d loads", n)
	}
	if v := get(t, c, WithRequest(context.Background(), c, "/"), d, src); v != "v2" {
		t.Errorf("next request: %q, want v2", v)
	}
	// The memo keeps an error too: a failing call is not repeated within
	// the request.
	e := &Def{Name: "failing", Life: DefaultLife}
	src.set("", errors.New("db down"))
	req = WithRequest(context.Background(), c, "/")
	for range 2 {
		if _, err := c.Get(req, e, "failing\x00", src.load); err == nil {
			t.Error("no error")
		}
	}
	if n := src.loads.Load(); n != 3 {
		t.Errorf("loads: %d, want 3", n)
	}
}

func TestLifetimes(t *testing.T) {
	c, clk := newTest(t, 0)
	src := &source{value: "v1"}
	steps := []struct {
		after     time.Duration // clock moves this much before the read
		set       string        // the source's value before the read
		want      string
		wantLoads int64 // after the read and its background reload
	}{
		{0, "v1", "v1", 1},
		{59 * time.Second, "v2", "v1", 1}, // fresh: served
		{2 * time.Second, "v2", "v1", 2},  // stale: served, reloaded behind
		{time.Second, "v3", "v2", 2},      // the reload's value, fresh
		{time.Minute, "v3", "v2", 3},      // stale again
		{2 * time.Hour, "v4", "v4", 4},    // expired: waits for the load
		{59 * time.Second, "v5", "v4", 4}, // fresh
		{61 * time.Minute, "v6", "v6", 5}, // expired
		{0, "v7", "v6", 5},                // fresh
	}
	for i, s := range steps {
		clk.add(s.after)
		src.set(s.set, nil)
		if v := get(t, c, context.Background(), todos, src); v != s.want {
			t.Errorf("step %d (+%v): %q, want %q", i, s.after, v, s.want)
		}
		waitLoads(t, c, src, s.wantLoads)
		if n := src.loads.Load(); n != s.wantLoads {
			t.Errorf("step %d: %d loads, want %d", i, n, s.wantLoads)
		}
	}
	st := c.Stats()
	if st.Hits != 4 || st.StaleHits != 2 || st.Misses != 3 {
		t.Errorf("stats: %+v", st)
	}
}

func TestTags(t *testing.T) {
	ctx := context.Background()
	c, _ := newTest(t, 0)
	src := &source{value: "v1"}
	other := &source{value: "o1"}
	od := &Def{Name: "other", Tags: []string{"other"}, Life: todos.Life}
	dyn := &source{value: "d1"}
	dd := &Def{Name: "dyn", Life: todos.Life}
	dynLoad := func(ctx context.Context) (any, error) {
		if !AddTags(ctx, "todo:1") {
			t.Error("AddTags outside a load")
		}
		return dyn.load(ctx)
	}
	getDyn := func() string {
		v, err := c.Get(ctx, dd, "dyn\x00", dynLoad)
		if err != nil {
			t.Fatal(err)
		}
		return v.(string)
	}
	get(t, c, ctx, todos, src)
	get(t, c, ctx, od, other)
	getDyn()

	// Revalidate (soft): the next reader gets the stale value while it
	// reloads; the one after, the new value.
	src.set("v2", nil)
	c.Invalidate(ctx, []string{"todos"}, false)
	if v := get(t, c, ctx, todos, src); v != "v1" {
		t.Errorf("after a soft invalidation: %q, want stale v1", v)
	}
	waitLoads(t, c, src, 2)
	if v := get(t, c, ctx, todos, src); v != "v2" {
		t.Errorf("after the reload: %q, want v2", v)
	}
	// Update (hard): the next reader waits for the new value.
	src.set("v3", nil)
	c.Invalidate(ctx, []string{"todos"}, true)
	if v := get(t, c, ctx, todos, src); v != "v3" {
		t.Errorf("after a hard invalidation: %q, want v3", v)
	}
	// Other tags are untouched.
	other.set("o2", nil)
	if v := get(t, c, ctx, od, other); v != "o1" || other.loads.Load() != 1 {
		t.Errorf("untouched tag: %q after %d loads", v, other.loads.Load())
	}
	// A tag added while loading invalidates too.
	dyn.set("d2", nil)
	c.Invalidate(ctx, []string{"todo:1"}, true)
	if v := getDyn(); v != "d2" {
		t.Errorf("dynamic tag: %q, want d2", v)
	}
}

// RevalidatePath: a render at or below the path reloads what it reads; a
// render elsewhere keeps the cached value.
func TestPathTags(t *testing.T) {
	c, _ := newTest(t, 0)
	src := &source{value: "v1"}
	get(t, c, WithRequest(context.Background(), c, "/todos/3"), todos, src)
	src.set("v2", nil)
	c.Invalidate(context.Background(), []string{PathTag("/todos")}, true)
	if v := get(t, c, WithRequest(context.Background(), c, "/about"), todos, src); v != "v1" {
		t.Errorf("/about: %q, want the cached v1", v)
	}
	if v := get(t, c, WithRequest(context.Background(), c, "/todos/3"), todos, src); v != "v2" {
		t.Errorf("/todos/3: %q, want v2", v)
	}
	for p, want := range map[string]string{
		"/":         "gorsc:path:/",
		"/a":        "gorsc:path:/ gorsc:path:/a",
		"/a/b":      "gorsc:path:/ gorsc:path:/a gorsc:path:/a/b",
		"/a/b/":     "gorsc:path:/ gorsc:path:/a gorsc:path:/a/b",
		"relative":  "",
		"/todos/3/": "gorsc:path:/ gorsc:path:/todos gorsc:path:/todos/3",
	} {
		if got := strings.Join(PathTags(p), " "); got != want {
			t.Errorf("PathTags(%q) = %q, want %q", p, got, want)
		}
	}
	if PathTag("/todos/") != PathTag("/todos") {
		t.Error("PathTag keeps a trailing slash")
	}
}

func TestErrorsNotCached(t *testing.T) {
	ctx := context.Background()
	c, clk := newTest(t, 0)
	src := &source{err: errors.New("db down")}
	if _, err := c.Get(ctx, todos, "todos\x00", src.load); err == nil || err.Error() != "db down" {
		t.Fatalf("err: %v", err)
	}
	src.set("v1", nil)
	if v := get(t, c, ctx, todos, src); v != "v1" || src.loads.Load() != 2 {
		t.Errorf("after a failed load: %q, %d loads", v, src.loads.Load())
	}
	// A failed background reload keeps the stale value.
	clk.add(2 * time.Minute)
	src.set("", errors.New("db down"))
	if v := get(t, c, ctx, todos, src); v != "v1" {
		t.Errorf("stale: %q", v)
	}
	waitLoads(t, c, src, 3)
	if v := get(t, c, ctx, todos, src); v != "v1" {
		t.Errorf("after a failed reload: %q, want stale v1", v)
	}
	// (That read, stale too, may have started another reload.)
	waitIdle(c)
	if st := c.Stats(); st.LoadErrors != src.loads.Load()-1 {
		t.Errorf("load errors: %d of %d loads, want all but one", st.LoadErrors, src.loads.Load())
	}
	// A panic is an error, not a crash, and not cached.
	pd := &Def{Name: "panicky", Life: DefaultLife}
	_, err := c.Get(ctx, pd, "panicky\x00", func(ctx context.Context) (any, error) { panic("boom") })
	if err == nil || !strings.Contains(err.Error(), "panicky panicked: boom") {
		t.Errorf("panic: %v", err)
	}
}

func TestByteBudget(t *testing.T) {
	ctx := context.Background()
	const budget = 10_000
	c, _ := newTest(t, budget)
	d := &Def{Name: "page", Life: DefaultLife}
	load := func(n int) Loader {
		return func(ctx context.Context) (any, error) { return strings.Repeat(fmt.Sprint(n%10), 3000), nil }
	}
	var loads atomic.Int64
	getN := func(n int) {
		t.Helper()
		v, err := c.Get(ctx, d, fmt.Sprintf("page\x00%d", n), func(ctx context.Context) (any, error) { loads.Add(1); return load(n)(ctx) })
		if err != nil || len(v.(string)) != 3000 {
			t.Fatalf("%d: %v", n, err)
		}
		waitIdle(c)
	}
	for n := range 3 {
		getN(n)
	}
	getN(0) // 0 is now the most recently used
	getN(3) // evicts 1
	st := c.Stats()
	if st.Bytes > budget || st.Entries != 3 {
		t.Errorf("after 4 values of ~3 KB in 10 KB: %d entries, %d bytes", st.Entries, st.Bytes)
	}
	loads.Store(0)
	for _, n := range []int{0, 2, 3} {
		getN(n)
	}
	if loads.Load() != 0 {
		t.Errorf("kept entries reloaded %d times", loads.Load())
	}
	getN(1)
	if loads.Load() != 1 {
		t.Errorf("the least recently used entry was kept")
	}
	// A value larger than the whole budget is returned, not kept.
	big := &Def{Name: "big", Life: DefaultLife}
	v, err := c.Get(ctx, big, "big\x00", func(ctx context.Context) (any, error) { return strings.Repeat("x", 2*budget), nil })
	waitIdle(c)
	if err != nil || len(v.(string)) != 2*budget || c.mem.get("big\x00") != nil {
		t.Errorf("oversized value: %v, kept=%v", err, c.mem.get("big\x00") != nil)
	}
	if st := c.Stats(); st.Bytes > budget {
		t.Errorf("%d bytes over the budget", st.Bytes)
	}
}

func waitIdle(c *Cache) {
	for {
		c.mu.Lock()
		n := len(c.flights)
		c.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// An UpdateTag while a load of the same key runs: a reader after it does
// not join that load (its value predates the change): read-your-own-writes.
func TestUpdateOvertakesLoad(t *testing.T) {
	ctx := context.Background()
	c, _ := newTest(t, 0)
	src := &source{value: "old"}
	gate := src.hold()
	first := make(chan string, 1)
	go func() {
		v, _ := c.Get(ctx, todos, "todos\x00", src.load)
		first <- v.(string)
	}()
	for src.loads.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	// The action writes and updates the tag while the old load runs.
	src.mu.Lock()
	src.value, src.gate = "new", nil
	src.mu.Unlock()
	c.Invalidate(ctx, []string{"todos"}, true)
	if v := get(t, c, ctx, todos, src); v != "new" {
		t.Errorf("after UpdateTag: %q, want new", v)
	}
	close(gate)
	<-first
	waitIdle(c)
	// The overtaken load's value is not kept over the new one.
	if v := get(t, c, ctx, todos, src); v != "new" {
		t.Errorf("later: %q, want new", v)
	}
}

// A cached function calling another takes on its tags and the shorter
// lifetime; calling itself with the same key is an error, not a deadlock.
func TestNested(t *testing.T) {
	ctx := context.Background()
	c, clk := newTest(t, 0)
	inner := &Def{Name: "inner", Tags: []string{"inner"}, Life: Life{Fresh: time.Second, Stale: time.Second}}
	outer := &Def{Name: "outer", Tags: []string{"outer"}, Life: DefaultLife}
	innerSrc := &source{value: "i1"}
	var outerLoads atomic.Int64
	loadOuter := func(ctx context.Context) (any, error) {
		outerLoads.Add(1)
		v, err := c.Get(ctx, inner, "inner\x00", innerSrc.load)
		if err != nil {
			return nil, err
		}
		return "outer(" + v.(string) + ")", nil
	}
	g := func() string {
		v, err := c.Get(ctx, outer, "outer\x00", loadOuter)
		if err != nil {
			t.Fatal(err)
		}
		return v.(string)
	}
	g()
	innerSrc.set("i2", nil)
	c.Invalidate(ctx, []string{"inner"}, true)
	if v := g(); v != "outer(i2)" {
		t.Errorf("the inner tag did not reach the outer entry: %q", v)
	}
	clk.add(3 * time.Second)
	innerSrc.set("i3", nil)
	if v := g(); v != "outer(i3)" || outerLoads.Load() != 3 {
		t.Errorf("the inner lifetime did not bound the outer entry: %q", v)
	}
	self := &Def{Name: "self", Life: DefaultLife}
	var loadSelf Loader
	loadSelf = func(ctx context.Context) (any, error) { return c.Get(ctx, self, "self\x00", loadSelf) }
	_, err := c.Get(ctx, self, "self\x00", loadSelf)
	if err == nil || !strings.Contains(err.Error(), "calls itself") {
		t.Errorf("self call: %v", err)
	}
}

// A load that reads the request fails with an error naming the function.
func TestLoadReadsRequest(t *testing.T) {
	c, _ := newTest(t, 0)
	d := &Def{Name: "whoami", Life: DefaultLife}
	_, err := c.Get(context.Background(), d, "whoami\x00", func(ctx context.Context) (any, error) {
		ReadRequest(ctx, "RequestFrom")
		return "alice", nil
	})
	if err == nil || !strings.Contains(err.Error(), "cached function whoami read the request (RequestFrom)") {
		t.Errorf("err: %v", err)
	}
	if ReadRequest(context.Background(), "x") {
		t.Error("ReadRequest outside a load")
	}
}

func TestSizeOf(t *testing.T) {
	type row struct {
		ID    int
		Title string
		Tags  []string
	}
	s := strings.Repeat("x", 1000)
	rows := make([]row, 10)
	for i := range rows {
		rows[i] = row{ID: i, Title: s, Tags: []string{"a", "b"}}
	}
	for _, tc := range []struct {
		name     string
		v        any
		min, max int64
	}{
		{"nil", nil, 0, 0},
		{"int", 7, 8, 8},
		{"string", s, 1000, 1100},
		{"shared string counted once", rows, 1000 + 10*48, 2000},
		{"map", map[string][]byte{"k": make([]byte, 500)}, 500, 700},
		{"pointer cycle", func() any { type n struct{ next *n }; a := &n{}; a.next = a; return a }(), 8, 32},
	} {
		if got := SizeOf(tc.v); got < tc.min || got > tc.max {
			t.Errorf("%s: SizeOf = %d, want %d..%d", tc.name, got, tc.min, tc.max)
		}
	}
}

func TestThrottle(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	th := throttle{every: 50 * time.Millisecond}
	for range 100 {
		th.log(l, "store down")
	}
	if n := strings.Count(buf.String(), "store down"); n != 1 {
		t.Fatalf("100 errors at once logged %d lines:\n%s", n, buf.String())
	}
	time.Sleep(60 * time.Millisecond)
	th.log(l, "store down")
	if !strings.Contains(buf.String(), "suppressed=99") {
		t.Errorf("the next interval's line does not count the suppressed ones:\n%s", buf.String())
	}
}

// BenchmarkGetHit is a fresh hit within a request: memo, lookup, status.
//
//	go test -run '^$' -bench Get -benchmem ./internal/cache
func BenchmarkGetHit(b *testing.B) {
	c := NewMemory(Options{})
	load := func(ctx context.Context) (any, error) { return "v", nil }
	if _, err := c.Get(context.Background(), todos, "todos\x00", load); err != nil {
		b.Fatal(err)
	}
	waitIdle(c)
	b.ReportAllocs()
	for b.Loop() {
		ctx := WithRequest(context.Background(), c, "/todos/1")
		if _, err := c.Get(ctx, todos, "todos\x00", load); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetHitParallel is the same hit from every core at once.
func BenchmarkGetHitParallel(b *testing.B) {
	c := NewMemory(Options{})
	load := func(ctx context.Context) (any, error) { return "v", nil }
	c.Get(context.Background(), todos, "todos\x00", load)
	waitIdle(c)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Get(context.Background(), todos, "todos\x00", load); err != nil {
				b.Fatal(err)
			}
		}
	})
}
