package cache

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

type (
	reqKey  struct{}
	loadKey struct{}
)

// reqState is what one request (a render, an action call, a handler)
// carries: the app's cache, the memo of its cached calls and the implicit
// tags of its URL path.
type reqState struct {
	c        *Cache
	memo     *memo
	implicit []string
}

// WithRequest returns ctx carrying c for one request at URL path (the
// implicit path tags of its reads; "" for none) with a new memo: within
// it, each cached call (function and key) runs once, as React's cache()
// does for a server render.
func WithRequest(ctx context.Context, c *Cache, path string) context.Context {
	if c == nil {
		return ctx
	}
	return context.WithValue(ctx, reqKey{}, &reqState{c: c, memo: &memo{}, implicit: PathTags(path)})
}

// From returns the cache ctx carries, or nil outside a gorsc request.
func From(ctx context.Context) *Cache {
	if rs := reqFrom(ctx); rs != nil {
		return rs.c
	}
	return nil
}

func reqFrom(ctx context.Context) *reqState {
	rs, _ := ctx.Value(reqKey{}).(*reqState)
	return rs
}

// memo is one request's record of its cached calls. Like React's cache(),
// it keeps errors too: a failing call is not repeated within the request.
type memo struct {
	mu    sync.Mutex
	calls map[string]*memoCall
}

type memoCall struct {
	done chan struct{}
	e    *entry
	err  error
}

func (m *memo) do(key string, fn func() (*entry, error)) (*entry, error) {
	m.mu.Lock()
	if c, ok := m.calls[key]; ok {
		m.mu.Unlock()
		<-c.done
		return c.e, c.err
	}
	c := &memoCall{done: make(chan struct{})}
	if m.calls == nil {
		m.calls = map[string]*memoCall{}
	}
	m.calls[key] = c
	m.mu.Unlock()
	defer close(c.done)
	c.e, c.err = fn()
	return c.e, c.err
}

// loadScope is what a running load collects: the tags added with AddTags
// and those of the cached functions it called, the shortest lifetime among
// them, and reads of the request, which a shared value must not depend on.
type loadScope struct {
	parent *loadScope
	name   string // "cached function <name>", for messages
	hint   string
	key    string

	mu      sync.Mutex
	tags    []string
	life    Life
	request string // what it read of the request, if anything
}

func withLoad(ctx context.Context, ls *loadScope) context.Context {
	return context.WithValue(ctx, loadKey{}, ls)
}

func loadFrom(ctx context.Context) *loadScope {
	ls, _ := ctx.Value(loadKey{}).(*loadScope)
	return ls
}

func (ls *loadScope) add(tags ...string) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	for _, t := range tags {
		if !slices.Contains(ls.tags, t) {
			ls.tags = append(ls.tags, t)
		}
	}
}

func (ls *loadScope) inherit(e *entry) {
	ls.add(e.tags...)
	ls.mu.Lock()
	ls.life = ls.life.min(e.life)
	ls.mu.Unlock()
}

func (ls *loadScope) result() ([]string, Life) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return slices.Clone(ls.tags), ls.life
}

// cycle reports a cached function that calls itself with the same key,
// which would wait for its own load forever.
func (ls *loadScope) cycle(key string) error {
	for s := ls; s != nil; s = s.parent {
		if s.key == key {
			return fmt.Errorf("gorsc: %s calls itself with the same key (%s): its load would wait for itself", s.name, printable(key))
		}
	}
	return nil
}

func (ls *loadScope) violation() error {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.request == "" {
		return nil
	}
	hint := ls.hint
	if hint == "" {
		hint = "its value is shared by every request that calls it with the same key: pass what it needs as its key (gorsc.CachedBy), or read it outside"
	}
	return fmt.Errorf("gorsc: %s read the request (%s), but %s", ls.name, ls.request, hint)
}

// AddTags tags the value being loaded under ctx (gorsc.AddCacheTags): it
// is invalidated with any of tags too. It reports false outside a load.
func AddTags(ctx context.Context, tags ...string) bool {
	ls := loadFrom(ctx)
	if ls == nil {
		return false
	}
	ls.add(tags...)
	return true
}

// SetLife shortens the lifetime of the value being loaded under ctx to l,
// where l is shorter. It reports false outside a load.
func SetLife(ctx context.Context, l Life) bool {
	ls := loadFrom(ctx)
	if ls == nil {
		return false
	}
	ls.mu.Lock()
	ls.life = ls.life.min(l)
	ls.mu.Unlock()
	return true
}

// ReadRequest records, when ctx is inside a load, that it read the
// request (what names the read: "RequestFrom"); the load then fails with
// an error naming the cached function. It reports whether ctx is inside a
// load.
func ReadRequest(ctx context.Context, what string) bool {
	ls := loadFrom(ctx)
	if ls == nil {
		return false
	}
	ls.mu.Lock()
	if ls.request == "" {
		ls.request = what
	}
	ls.mu.Unlock()
	return true
}

// Detach returns a context with ctx's deadline and cancellation but none
// of its values except the cache's own (the load in progress, the request
// state): what a cached page renders with, so that nothing a middleware
// put in the first visitor's context (a user, a tenant) reaches the page
// every visitor gets.
func Detach(ctx context.Context) context.Context {
	values := context.Background()
	if rs := reqFrom(ctx); rs != nil {
		values = context.WithValue(values, reqKey{}, rs)
	}
	if ls := loadFrom(ctx); ls != nil {
		values = context.WithValue(values, loadKey{}, ls)
	}
	return detached{Context: ctx, values: values}
}

type detached struct {
	context.Context // deadline, Done, Err
	values          context.Context
}

func (d detached) Value(key any) any { return d.values.Value(key) }
