package gorsc

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"runtime"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/request"
	"github.com/gorsc/gorsc/internal/server"
)

// Caching in gorsc is one explicit data cache per app ([App.Cache]) that
// holds the values of cached functions. A cached function wraps a
// data-loading function with a name, tags and a lifetime:
//
//	var Todos = gorsc.Cached("todos", loadTodos,
//		gorsc.CacheTags("todos"), gorsc.CacheLife(time.Minute, time.Hour))
//
//	func loadTodos(ctx context.Context) ([]Todo, error) { … the database … }
//
//	// in a server component:
//	todos, err := Todos(ctx)
//
// and an action that changes the data invalidates its tag:
//
//	gorsc.UpdateTag(ctx, "todos") // this answer already shows the change
//
// The semantics are the same with the in-memory cache of one instance and
// with Redis shared by many (see [NewRedisCache]).

// Cache is where the values of cached functions ([Cached], [CachedBy])
// are kept, set as [App.Cache]: in this process ([NewMemoryCache]) or in
// Redis, shared by every instance of the app ([NewRedisCache]).
type Cache struct{ c *cache.Cache }

// NewMemoryCache returns a cache kept in this process, holding values of
// at most about maxBytes in all (0 means 64 MiB); the least recently used
// are dropped first. Sizes are estimated from the values' memory (strings,
// slices, maps, pointed-to structs).
//
// Values are kept as the Go values the functions returned, not copies:
// treat what a cached function returns as read-only.
func NewMemoryCache(maxBytes int64) *Cache {
	return &Cache{c: cache.NewMemory(cache.Options{MaxBytes: maxBytes})}
}

// RedisCacheOptions configure [NewRedisCache].
type RedisCacheOptions struct {
	// Prefix starts every key and channel name; default "gorsc:". Apps
	// sharing one Redis database need different prefixes.
	Prefix string
	// LocalBytes bounds the local copies of values each instance keeps
	// in front of Redis, in bytes; default 64 MiB.
	LocalBytes int64
	// Logger receives store errors (once per 10 s while they last);
	// default slog.Default().
	Logger *slog.Logger
}

// NewRedisCache returns a cache whose values and invalidations are shared
// through the Redis server at url ("redis://127.0.0.1:6379/0"; the
// options of go-redis's ParseURL apply, like "?dial_timeout=1s"), for an
// app that runs as several instances: a value loaded by one instance is
// served by the others, and a tag invalidated by an action on one
// instance is seen by every other within milliseconds (Redis pub/sub).
//
// Single flight holds per instance: with N instances, a missing value is
// loaded at most N times at once (there is no lock across instances).
//
// Values are stored as JSON (encoding/json), so the types cached
// functions return must survive a JSON round trip: exported fields, no
// interface-typed fields. Each instance also keeps local copies within
// LocalBytes, which invalidations reach too.
//
// If Redis is down — at start or later — pages still render: cached
// functions load directly (uncached, still shared by concurrent callers
// and memoized within a request), invalidations are kept and sent when
// Redis is back, and the error is logged once per interval. The error
// returned is only for a malformed url.
func NewRedisCache(url string, opts *RedisCacheOptions) (*Cache, error) {
	ro, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("gorsc: NewRedisCache: %w", err)
	}
	// A cache that waits long on Redis makes pages slow; it fails fast
	// and renders uncached instead.
	if ro.DialTimeout == 0 || ro.DialTimeout == 5*time.Second {
		ro.DialTimeout = time.Second
	}
	if ro.ReadTimeout == 0 {
		ro.ReadTimeout = time.Second
	}
	if ro.WriteTimeout == 0 {
		ro.WriteTimeout = time.Second
	}
	if ro.MaxRetries == 0 {
		ro.MaxRetries = 1
	}
	var o RedisCacheOptions
	if opts != nil {
		o = *opts
	}
	c := cache.NewRedis(redis.NewClient(ro), o.Prefix, cache.Options{MaxBytes: o.LocalBytes, Logger: o.Logger})
	return &Cache{c: c}, nil
}

// Close stops the cache's Redis subscription and client (nothing for a
// memory cache). Close it after the server stopped.
func (c *Cache) Close() error { return c.c.Close() }

// CacheStats counts what a cache did since it was made.
type CacheStats = cache.Stats

// Stats returns the cache's counters: hits, stale hits, misses, loads,
// failed loads and store operations, and the entries kept in this process.
func (c *Cache) Stats() CacheStats { return c.c.Stats() }

// RevalidateTag is [RevalidateTag] for code outside a request (a queue
// consumer, a timer): it invalidates tags in this cache.
func (c *Cache) RevalidateTag(ctx context.Context, tags ...string) {
	c.c.Invalidate(ctx, cache.ValidTags(tags), false)
}

// UpdateTag is [UpdateTag] for code outside a request.
func (c *Cache) UpdateTag(ctx context.Context, tags ...string) {
	c.c.Invalidate(ctx, cache.ValidTags(tags), true)
}

// CacheOption configures a cached function; see [CacheTags] and
// [CacheLife].
type CacheOption func(*cache.Def)

// CacheTags tags every value the function loads; [RevalidateTag] and
// [UpdateTag] of any of them invalidate it. A tag is 1 to 256 bytes with
// no newline; the prefix "gorsc:" is reserved. Tags that depend on the
// key are added while loading, with [AddCacheTags].
func CacheTags(tags ...string) CacheOption {
	for _, t := range tags {
		if err := cache.CheckTag(t); err != nil {
			panic(err.Error())
		}
	}
	return func(d *cache.Def) { d.Tags = append(d.Tags, tags...) }
}

// CacheLife sets how long loaded values are served (Next.js's cacheLife):
// fresh for fresh after the load, then for stale more served while a
// reload runs in the background, after which a caller waits for a new
// load. Without CacheLife, values are fresh for 15 minutes and stale for
// a day.
func CacheLife(fresh, stale time.Duration) CacheOption {
	if fresh < 0 || stale < 0 {
		panic(fmt.Sprintf("gorsc: CacheLife(%v, %v): negative duration", fresh, stale))
	}
	return func(d *cache.Def) { d.Life = cache.Life{Fresh: fresh, Stale: stale} }
}

// Cached wraps load, a data-loading function, into a cached function of
// the same shape. Called within a request (from a server component, a
// layout, an action, a handler of [App.Handle]), it serves the value kept
// in [App.Cache] under name while it is fresh, serves it stale while
// reloading it in the background, and otherwise loads it:
//
//   - concurrent callers of a missing value share one load (single flight);
//   - within one request, it is called once (React's cache()): every
//     component rendering the page sees the same value;
//   - an error (or panic) of load is returned to the callers sharing the
//     load and not kept: the next call loads again;
//   - outside a request (no App.Cache in ctx) it just calls load.
//
// load runs with a context that is not cancelled when the caller goes
// away (others may share the load; it is bounded by one minute) and that
// carries no request: a value shared by every visitor must not depend on
// one, so reading the request there ([RequestFrom]) fails the load with
// an error naming the function. Pass what the value depends on as a key:
// see [CachedBy].
//
// name identifies the values in the cache, across instances and
// restarts: it must be unique, and should change when T changes shape.
// Cached panics, at the caller's line, when name is empty or taken. Call
// it once, at package level:
//
//	var Todos = gorsc.Cached("todos", loadTodos, gorsc.CacheTags("todos"))
func Cached[T any](name string, load func(context.Context) (T, error), opts ...CacheOption) func(context.Context) (T, error) {
	d := define[T](name, opts)
	key := name + "\x00"
	return func(ctx context.Context) (T, error) {
		return call(ctx, d, key, func(ctx context.Context) (T, error) { return load(ctx) })
	}
}

// CachedBy is [Cached] for a function of one key argument: each key has
// its own value. K is a value type (string, number, bool, or an array or
// struct of them), compared as Go compares it: the key of a function of
// several arguments is a struct of them:
//
//	type page struct{ Tag string; N int }
//	var NotesByTag = gorsc.CachedBy("notes-by-tag", func(ctx context.Context, p page) ([]Note, error) {
//		gorsc.AddCacheTags(ctx, "tag:"+p.Tag)
//		return db.NotesByTag(ctx, p.Tag, p.N)
//	}, gorsc.CacheTags("notes"))
//
// CachedBy panics when K holds pointers, channels, functions or
// interfaces (their values say nothing of what they point to).
func CachedBy[K comparable, T any](name string, load func(context.Context, K) (T, error), opts ...CacheOption) func(context.Context, K) (T, error) {
	var k K
	if err := cache.CheckKeyType(reflect.TypeOf(&k).Elem()); err != nil {
		panic(fmt.Sprintf("gorsc: CachedBy(%q): key type %T: %v", name, k, err))
	}
	d := define[T](name, opts)
	return func(ctx context.Context, k K) (T, error) {
		return call(ctx, d, cache.Key(name, k), func(ctx context.Context) (T, error) { return load(ctx, k) })
	}
}

func define[T any](name string, opts []CacheOption) *cache.Def {
	_, file, line, _ := runtime.Caller(2)
	d := cache.Define(name, fmt.Sprintf("%s:%d", file, line))
	for _, o := range opts {
		o(d)
	}
	d.Decode = func(b []byte) (any, error) {
		var v T
		err := json.Unmarshal(b, &v)
		return v, err
	}
	return d
}

func call[T any](ctx context.Context, d *cache.Def, key string, load func(context.Context) (T, error)) (T, error) {
	c := cache.From(ctx)
	if c == nil {
		return load(ctx)
	}
	v, err := c.Get(ctx, d, key, func(ctx context.Context) (any, error) { return load(ctx) })
	t, _ := v.(T)
	return t, err
}

// AddCacheTags tags the value being loaded by the cached function whose
// load ctx belongs to (Next.js's cacheTag): it is invalidated with any of
// tags too. Use it for tags that depend on the key ("note:42"). Outside a
// cached function it does nothing. It panics on a malformed tag (see
// [CacheTags]).
func AddCacheTags(ctx context.Context, tags ...string) {
	for _, t := range tags {
		if err := cache.CheckTag(t); err != nil {
			panic(err.Error())
		}
	}
	cache.AddTags(ctx, tags...)
}

// RevalidateTag marks the cached values tagged with any of tags stale
// (Next.js's revalidateTag): the next caller gets the old value while it
// reloads in the background, the callers after it the new one. With
// [NewRedisCache] it reaches every instance. Called from an action, the
// action's answer renders the page again (in which stale values may still
// show: use [UpdateTag] when the answer must show the change) and tells
// the browser's router to drop the pages it keeps (prefetched ones). It
// works in handlers of [App.Handle] too (a webhook from a CMS); outside a
// request, use [Cache.RevalidateTag]. Malformed tags, which no value can
// carry, are ignored.
func RevalidateTag(ctx context.Context, tags ...string) { invalidate(ctx, tags, false) }

// UpdateTag expires the cached values tagged with any of tags (Next.js's
// updateTag): every later caller waits for a new load. Called from an
// action after it changed the data, the action's answer renders the page
// with the new data (read-your-own-writes); the router drops its kept
// pages as with RevalidateTag.
func UpdateTag(ctx context.Context, tags ...string) { invalidate(ctx, tags, true) }

func invalidate(ctx context.Context, tags []string, hard bool) {
	tags = cache.ValidTags(tags)
	if len(tags) == 0 {
		return
	}
	if c := cache.From(ctx); c != nil {
		c.Invalidate(ctx, tags, hard)
	}
	request.RevalidateTags(ctx, tags)
}

// PageOption configures a page registered with [App.Page].
type PageOption func(*server.Page)

// CachePage makes a page cacheable (Next.js's static and incrementally
// regenerated pages): it renders once and is served from [App.Cache] —
// the document, the Flight payload of client navigations, and each
// partial answer — to every visitor, then rendered again in the
// background once its lifetime ends or one of its tags is invalidated
// (stale-while-revalidate), or at once for the next visitor after an
// [UpdateTag] of one of its tags or a [RevalidatePath] of its path or a
// parent. opts are [CacheTags] and [CacheLife] (default: fresh for 15
// minutes, stale for a day); the cached functions the page calls add
// their tags and shorten its lifetime to theirs, so a page showing
// cached todos is expired by UpdateTag(ctx, "todos") without naming the
// tag itself.
//
//	app.Page("/blog/{slug}", BlogPost, gorsc.CachePage(gorsc.CacheTags("posts")))
//
// A cacheable page must not depend on the visitor. It, its layouts and
// metadata render with a request that carries only the URL path and the
// path values — no query, headers, cookies or body — and a context
// without the values middleware put in the visitor's, so nothing of one
// visitor can reach the page the others get. Reading the request through
// [RequestFrom] fails the render with an error naming the page. Pages
// answer with an ETag and "Cache-Control: public, no-cache", so browsers
// and CDNs ask again each time (and get 304 when nothing changed) and an
// invalidation reaches everyone at once. Redirects, not-found pages and
// failures are not cached; actions posted to the page run as usual.
func CachePage(opts ...CacheOption) PageOption {
	return func(p *server.Page) {
		d := server.PageCacheDef(p.Pattern)
		for _, o := range opts {
			o(d)
		}
		p.Cache = d
	}
}
