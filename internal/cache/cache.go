// Package cache is gorsc's data cache: the values that cached functions
// (gorsc.Cached) load, kept under a key with tags and a lifetime, shared by
// concurrent callers (single flight), memoized within one request (React's
// cache()), and invalidated by tag from server actions.
//
// # Invalidation by generation
//
// Invalidation does not compare clocks. A cache has a generation counter;
// invalidating tags increments it and records, per tag, the generation at
// which it was last made stale (RevalidateTag) or expired (UpdateTag). An
// entry remembers the generation current when its load started. It is
// stale (served while a reload runs) when one of its tags was made stale
// after that, and expired (never served) when one was expired after that.
// A load that an invalidation overtakes is therefore never mistaken for
// fresh, and on many instances the counter and the per-tag generations live
// in Redis (redis.go), so no instance's clock decides what is fresh. Clocks
// only measure lifetimes (Life), which are coarse by nature.
//
// Besides an entry's own tags, a reader may bring implicit tags: a render
// of URL path /a/b reads with the path tags of "/", "/a" and "/a/b", so
// RevalidatePath("/a") expires, for renders at or below /a, every entry
// they read that was loaded before it (Next.js does the same).
package cache

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Life is how long a loaded value is served: Fresh after its load it is
// served as is; for Stale more it is served while a reload runs in the
// background (stale-while-revalidate); after that it is expired and a
// reader waits for a new load. Next.js's cacheLife calls these revalidate
// and expire (expire = Fresh + Stale).
type Life struct {
	Fresh time.Duration
	Stale time.Duration
}

// DefaultLife is the lifetime of a cached function without CacheLife:
// fresh for 15 minutes (Next.js's default revalidate), then served stale
// while reloading for up to a day.
var DefaultLife = Life{Fresh: 15 * time.Minute, Stale: 24 * time.Hour}

func (l Life) expire() time.Duration { return l.Fresh + l.Stale }

func (l Life) min(o Life) Life {
	if o.Fresh < l.Fresh {
		l.Fresh = o.Fresh
	}
	if o.expire() < l.expire() {
		l.Stale = o.expire() - l.Fresh
	}
	return l
}

// Def describes a cached function.
type Def struct {
	// Name identifies the function; keys start with it.
	Name string
	// What names it in messages; default "cached function <Name>".
	What string
	// Hint ends the error of a load that read the request: what to do
	// instead.
	Hint string
	// Tags are the tags of every entry it loads (more can be added while
	// loading, with AddTags).
	Tags []string
	Life Life
	// Decode turns a value read from a remote store (JSON) back into the
	// function's Go type.
	Decode func([]byte) (any, error)
}

// Loader loads a value.
type Loader func(ctx context.Context) (any, error)

// Options configure a Cache.
type Options struct {
	// MaxBytes bounds the approximate size of the values kept in this
	// process (the whole cache for a memory cache, the local copies in
	// front of Redis otherwise), in bytes. Default DefaultMaxBytes.
	MaxBytes int64
	// Logger receives load failures and store errors; default slog.Default().
	Logger *slog.Logger
	// LoadTimeout bounds one load; default 1 minute. A load runs apart
	// from the request that started it, so that the callers sharing it are
	// not failed by the first one going away.
	LoadTimeout time.Duration
	// ErrorInterval is how often a failing store is reported in the log:
	// once per interval, with the count of errors in between. Default 10 s.
	ErrorInterval time.Duration
	// Now is the clock of lifetimes; default time.Now (tests use a fake).
	Now func() time.Time
}

// DefaultMaxBytes is the default byte budget: 64 MiB.
const DefaultMaxBytes = 64 << 20

// Cache is a data cache. It is safe for concurrent use.
type Cache struct {
	opts    Options
	log     *slog.Logger
	now     func() time.Time
	mem     *lru
	gens    *gens
	remote  *redisStore // nil for a memory cache
	errs    throttle    // store errors
	bgErrs  throttle    // failed background reloads
	healthy atomic.Bool // false while the remote store is unreachable: loads pass through

	mu      sync.Mutex
	flights map[string]*flight

	stats struct {
		hits, stale, misses, loads, loadErrors, storeErrors atomic.Int64
	}
}

// NewMemory returns a cache kept in this process only.
func NewMemory(o Options) *Cache {
	c := newCache(o)
	c.healthy.Store(true)
	return c
}

func newCache(o Options) *Cache {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.LoadTimeout <= 0 {
		o.LoadTimeout = time.Minute
	}
	if o.ErrorInterval <= 0 {
		o.ErrorInterval = 10 * time.Second
	}
	c := &Cache{opts: o, log: o.Logger, now: o.Now, flights: map[string]*flight{}}
	if c.log == nil {
		c.log = slog.Default()
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.mem = newLRU(o.MaxBytes)
	c.gens = newGens()
	c.errs.every, c.bgErrs.every = o.ErrorInterval, o.ErrorInterval
	return c
}

// Close stops the remote store's subscription and closes its client. A
// memory cache has nothing to close.
func (c *Cache) Close() error {
	if c.remote != nil {
		return c.remote.close()
	}
	return nil
}

// Stats counts what the cache did since it was made.
type Stats struct {
	Hits        int64 // values served fresh
	StaleHits   int64 // values served stale while a reload ran
	Misses      int64 // callers that waited for a load
	Loads       int64 // loads run (shared by the callers of one key)
	LoadErrors  int64 // loads that failed (their error is not cached)
	StoreErrors int64 // remote store operations that failed
	Entries     int64 // values kept in this process
	Bytes       int64 // their approximate size
	Healthy     bool  // the remote store is reachable (always true for memory)
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	n, b := c.mem.size()
	return Stats{
		Hits: c.stats.hits.Load(), StaleHits: c.stats.stale.Load(), Misses: c.stats.misses.Load(),
		Loads: c.stats.loads.Load(), LoadErrors: c.stats.loadErrors.Load(), StoreErrors: c.stats.storeErrors.Load(),
		Entries: n, Bytes: b, Healthy: c.healthy.Load(),
	}
}

// entry is a loaded value. It is immutable once made.
type entry struct {
	key     string
	value   any
	tags    []string
	gen     uint64 // the generation when its load started
	created time.Time
	life    Life
	size    int64
}

type status int

const (
	fresh status = iota
	stale
	expired
)

func (s status) String() string { return [...]string{"fresh", "stale", "expired"}[s] }

// status tells whether e may be served to a reader bringing implicit tags.
func (c *Cache) status(e *entry, implicit []string) status {
	st := fresh
	age := c.now().Sub(e.created)
	switch {
	case age >= e.life.expire():
		return expired
	case age >= e.life.Fresh:
		st = stale
	}
	return max(st, c.gens.status(e.gen, e.tags, implicit))
}

// flight is a load in progress, shared by the callers of its key.
type flight struct {
	done chan struct{}
	gen  uint64
	tags []string // the function's static tags
	e    *entry   // set when done without error
	err  error

	background bool // a reload of a stale value: nobody waits to see its error
}

// Get returns the value of d for key: from the request's memo when this
// request asked already, else a fresh or stale entry (a stale one is
// reloaded in the background), else the result of a load that concurrent
// callers of key share. Errors of load are returned, never kept. key must
// be unique to d (it starts with d.Name).
func (c *Cache) Get(ctx context.Context, d *Def, key string, load Loader) (any, error) {
	rs := reqFrom(ctx)
	ls := loadFrom(ctx)
	if ls != nil {
		if err := ls.cycle(key); err != nil {
			return nil, err
		}
	}
	var e *entry
	var err error
	if rs != nil && rs.memo != nil && ls == nil {
		e, err = rs.memo.do(key, func() (*entry, error) { return c.get(ctx, d, key, load, rs.implicit) })
	} else {
		var implicit []string
		if rs != nil {
			implicit = rs.implicit
		}
		e, err = c.get(ctx, d, key, load, implicit)
	}
	if err != nil {
		return nil, err
	}
	if ls != nil {
		ls.inherit(e) // a cached function calling another takes on its tags and lifetime
	}
	return e.value, nil
}

func (c *Cache) get(ctx context.Context, d *Def, key string, load Loader, implicit []string) (*entry, error) {
	if c.healthy.Load() {
		if e := c.lookup(ctx, d, key); e != nil {
			switch c.status(e, implicit) {
			case fresh:
				c.stats.hits.Add(1)
				return e, nil
			case stale:
				c.stats.stale.Add(1)
				c.refresh(ctx, d, key, load, implicit)
				return e, nil
			}
		}
	}
	c.stats.misses.Add(1)
	for try := 0; ; try++ {
		f := c.join(ctx, d, key, load, implicit)
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if f.err != nil {
			return nil, f.err
		}
		// An invalidation that overtook the load (an UpdateTag while it
		// ran) expires its value for this reader: load once more.
		if try == 0 && c.gens.status(f.e.gen, f.e.tags, implicit) == expired {
			continue
		}
		return f.e, nil
	}
}

// lookup finds key in this process, then in the remote store.
func (c *Cache) lookup(ctx context.Context, d *Def, key string) *entry {
	if e := c.mem.get(key); e != nil {
		return e
	}
	if c.remote == nil {
		return nil
	}
	e, err := c.remote.get(ctx, d, key)
	if err != nil {
		c.storeError("get", key, err)
		return nil
	}
	if e != nil {
		e.size = entrySize(e)
		c.mem.put(e)
	}
	return e
}

// refresh reloads key in the background unless a load of it runs.
func (c *Cache) refresh(ctx context.Context, d *Def, key string, load Loader, implicit []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.flights[key]; !ok {
		c.start(ctx, d, key, load).background = true
	}
}

// join returns the load of key in progress, or starts one. A load that an
// invalidation expired for this reader (it started before an UpdateTag of
// one of its tags or of the reader's implicit tags) is not joined.
func (c *Cache) join(ctx context.Context, d *Def, key string, load Loader, implicit []string) *flight {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.flights[key]; ok && c.gens.status(f.gen, f.tags, implicit) != expired {
		return f
	}
	return c.start(ctx, d, key, load)
}

// start runs load in its own goroutine, apart from the caller's
// cancellation, and registers it as key's flight. c.mu is held.
func (c *Cache) start(ctx context.Context, d *Def, key string, load Loader) *flight {
	f := &flight{done: make(chan struct{}), gen: c.gens.current(), tags: d.Tags}
	c.flights[key] = f
	c.stats.loads.Add(1)
	what := d.What
	if what == "" {
		what = "cached function " + d.Name
	}
	ls := &loadScope{parent: loadFrom(ctx), name: what, hint: d.Hint, key: key, life: d.Life}
	ls.add(d.Tags...)
	go c.run(context.WithoutCancel(ctx), d, key, load, f, ls)
	return f
}

func (c *Cache) run(ctx context.Context, d *Def, key string, load Loader, f *flight, ls *loadScope) {
	defer func() {
		if p := recover(); p != nil { // measuring the value, say
			f.e, f.err = nil, fmt.Errorf("gorsc: %s: %v", ls.name, p)
			c.log.Error("gorsc: cache load panicked", "name", d.Name, "panic", p, "stack", string(debug.Stack()))
		}
		c.mu.Lock()
		if c.flights[key] == f {
			delete(c.flights, key)
		}
		c.mu.Unlock()
		close(f.done)
		if f.e != nil {
			c.storeRemote(d, f.e)
		}
	}()
	lctx, cancel := context.WithTimeout(withLoad(ctx, ls), c.opts.LoadTimeout)
	defer cancel()
	var panicked any
	var stack string
	v, err := func() (v any, err error) {
		defer func() {
			if p := recover(); p != nil {
				panicked, stack = p, string(debug.Stack())
				err = fmt.Errorf("gorsc: cached function %s panicked: %v", d.Name, p)
			}
		}()
		return load(lctx)
	}()
	// Reading the request is the error to report, even when the load then
	// failed or panicked on the nil request it got.
	if verr := ls.violation(); verr != nil {
		err = verr
	} else if panicked != nil {
		c.log.Error("gorsc: cached function panicked", "name", d.Name, "key", printable(key), "panic", panicked, "stack", stack)
	}
	if err != nil {
		c.stats.loadErrors.Add(1)
		f.err = err
		c.mu.Lock()
		bg := f.background
		c.mu.Unlock()
		if bg {
			c.bgErrs.log(c.log, "gorsc: background reload failed; serving the stale value", "name", d.Name, "key", printable(key), "err", err)
		}
		return
	}
	tags, life := ls.result()
	e := &entry{key: key, value: v, tags: tags, gen: f.gen, created: c.now(), life: life}
	e.size = entrySize(e)
	f.e = e
	if c.healthy.Load() && c.gens.status(e.gen, e.tags, nil) != expired {
		c.mem.put(e)
	}
}

func (c *Cache) storeRemote(d *Def, e *entry) {
	defer func() {
		if p := recover(); p != nil { // a MarshalJSON method that panics
			c.storeError("set", e.key, fmt.Errorf("encoding the value panicked: %v", p))
		}
	}()
	if c.remote == nil || !c.healthy.Load() || c.gens.status(e.gen, e.tags, nil) == expired {
		return
	}
	if err := c.remote.set(d, e); err != nil {
		c.storeError("set", e.key, err)
	}
}

func (c *Cache) storeError(op, key string, err error) {
	c.stats.storeErrors.Add(1)
	c.errs.log(c.log, "gorsc: cache store "+op+" failed; serving uncached", "key", printable(key), "err", err)
}

// Invalidate makes the entries tagged with any of tags stale (hard false:
// later readers get the old value while it reloads) or expired (hard true:
// later readers wait for a new load). With a remote store it reaches every
// instance; while the store is unreachable it is kept and sent when the
// store is back, and this instance serves uncached meanwhile.
func (c *Cache) Invalidate(ctx context.Context, tags []string, hard bool) {
	if len(tags) == 0 {
		return
	}
	if c.remote == nil {
		c.gens.bump(tags, hard)
		return
	}
	g, err := c.remote.invalidate(ctx, tags, hard)
	if err != nil {
		c.remote.pend(tags, hard)
		c.down(err)
		return
	}
	c.gens.apply(g, tags, hard)
}

// down marks the remote store unreachable: loads pass through uncached
// until the subscription is back and has resynchronized.
func (c *Cache) down(err error) {
	if c.healthy.Swap(false) {
		c.log.Warn("gorsc: cache store unreachable; serving uncached until it is back", "err", err)
	}
	c.stats.storeErrors.Add(1)
}

// PathTag is the implicit tag of the pages at URL path p and below it
// (RevalidatePath).
func PathTag(p string) string {
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	return "gorsc:path:" + p
}

// PathTags are the implicit tags a render of URL path p reads with: the
// path tag of p and of each of its parents.
func PathTags(p string) []string {
	if p == "" || p[0] != '/' {
		return nil
	}
	tags := []string{PathTag("/")}
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			tags = append(tags, PathTag(p[:i]))
		}
	}
	if len(p) > 1 && !strings.HasSuffix(p, "/") {
		tags = append(tags, PathTag(p))
	}
	return tags
}

// CheckTag reports a tag that cannot be used: empty, longer than 256
// bytes, holding a newline, or in gorsc's own namespace.
func CheckTag(t string) error {
	switch {
	case t == "":
		return fmt.Errorf("gorsc: empty cache tag")
	case len(t) > 256:
		return fmt.Errorf("gorsc: cache tag %.40q… is longer than 256 bytes", t)
	case strings.ContainsAny(t, "\n\r"):
		return fmt.Errorf("gorsc: cache tag %q holds a newline", t)
	case strings.HasPrefix(t, "gorsc:"):
		return fmt.Errorf("gorsc: cache tag %q: the prefix gorsc: is reserved (use RevalidatePath for paths)", t)
	}
	return nil
}

// printable shortens a key for logs: the NUL between name and argument
// shown as a space.
func printable(key string) string {
	key = strings.ReplaceAll(key, "\x00", " ")
	if len(key) > 120 {
		key = key[:120] + "…"
	}
	return key
}

// throttle logs an error at most once per interval, with how many were
// left out since.
type throttle struct {
	every time.Duration
	mu    sync.Mutex
	last  time.Time
	quiet int
}

func (t *throttle) log(l *slog.Logger, msg string, args ...any) {
	t.logAt(l, slog.LevelError, msg, args...)
}

func (t *throttle) logAt(l *slog.Logger, level slog.Level, msg string, args ...any) {
	t.mu.Lock()
	now := time.Now()
	if !t.last.IsZero() && now.Sub(t.last) < t.every {
		t.quiet++
		t.mu.Unlock()
		return
	}
	quiet := t.quiet
	t.last, t.quiet = now, 0
	t.mu.Unlock()
	if quiet > 0 {
		args = append(args, "suppressed", quiet)
	}
	l.Log(context.Background(), level, msg, args...)
}
