package cache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// A Redis store shares entries and invalidations between instances.
//
// Keys, under a prefix (default "gorsc:"):
//
//	<prefix>e:<name>\x00<arg>  an entry: JSON {"v": value, "t": tags, "g": generation,
//	                            "c": created (Unix ms), "f": fresh (ms), "s": stale (ms)},
//	                            with a TTL of its remaining lifetime
//	<prefix>{inv}:gen          the generation counter
//	<prefix>{inv}:stale        hash: tag → generation it was last made stale at
//	<prefix>{inv}:expired      hash: tag → generation it was last expired at
//	<prefix>{inv}:inv          pub/sub channel: "<gen>\n<0|1 hard>\n<tag>\n<tag>…"
//
// Values are encoded with encoding/json, not gob: a JSON entry is readable
// with redis-cli, needs no gob.Register for the types inside, and
// tolerates fields added or removed between two versions of the app
// during a rolling deploy (an entry that no longer decodes is a miss).
// Only the remote store encodes: local copies are the Go values.
//
// An invalidation is one script: it increments the counter, records the
// tags and publishes them, atomically. Every instance subscribes and
// applies what it receives to its copy of the invalidation state, which it
// reads on every lookup, so an invalidation by one instance is seen by the
// others as soon as the message arrives (milliseconds). When the
// subscription (re)starts, the instance takes a snapshot of the state and
// drops its local copies of entries. While Redis is unreachable the
// instance serves uncached, keeps its invalidations, and sends them when
// Redis is back.
type redisStore struct {
	c      *Cache
	client redis.UniversalClient
	prefix string
	meta   [3]string // gen, stale, expired
	ch     string

	ps     *redis.PubSub
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	pending map[string]bool // tag → hard, invalidations not yet sent
}

// pingEvery is how often the idle subscription is checked: Redis is
// marked unreachable after three intervals without an answer.
const pingEvery = time.Second

var invalidateScript = redis.NewScript(`
local g = redis.call('INCR', KEYS[1])
for i = 3, #ARGV do
  redis.call('HSET', KEYS[2], ARGV[i], g)
  if ARGV[2] == '1' then redis.call('HSET', KEYS[3], ARGV[i], g) end
end
redis.call('PUBLISH', ARGV[1], g .. '\n' .. ARGV[2] .. '\n' .. table.concat(ARGV, '\n', 3))
return g
`)

var snapshotScript = redis.NewScript(`
return {redis.call('GET', KEYS[1]) or '0', redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
`)

// NewRedis returns a cache whose entries and invalidations live in Redis
// through client, under prefix ("" means "gorsc:"), with local copies of
// entries within o.MaxBytes. It tries to reach Redis for up to 2 s before
// returning; if it cannot, the cache starts unreachable (serving
// uncached) and keeps trying in the background. Close stops it and closes
// client.
func NewRedis(client redis.UniversalClient, prefix string, o Options) *Cache {
	if prefix == "" {
		prefix = "gorsc:"
	}
	c := newCache(o)
	quietRedis(c.log, c.opts.ErrorInterval)
	r := &redisStore{c: c, client: client, prefix: prefix, done: make(chan struct{}), pending: map[string]bool{}}
	m := prefix + "{inv}:"
	r.meta = [3]string{m + "gen", m + "stale", m + "expired"}
	r.ch = m + "inv"
	c.remote = r
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	sctx, scancel := context.WithTimeout(ctx, 2*time.Second)
	if err := r.sync(sctx); err != nil {
		c.log.Warn("gorsc: cache store unreachable at start; serving uncached until it is back", "err", err)
	}
	scancel()
	r.ps = client.Subscribe(ctx, r.ch)
	go r.run(ctx)
	return c
}

var redisLogOnce sync.Once

// quietRedis routes go-redis's own log lines (it prints one per failed
// dial, many a second while Redis is down) to log, as warnings, at most
// one per interval. go-redis has one logger per process, so this applies
// to every go-redis client of the process, from the first Redis cache on.
func quietRedis(log *slog.Logger, every time.Duration) {
	redisLogOnce.Do(func() { redis.SetLogger(&redisLogger{log: log, t: throttle{every: every}}) })
}

type redisLogger struct {
	log *slog.Logger
	t   throttle
}

func (l *redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.t.logAt(l.log, slog.LevelWarn, "gorsc: go-redis: "+fmt.Sprintf(format, v...))
}

func (r *redisStore) close() error {
	r.cancel()
	r.ps.Close() // ends a receive in progress
	<-r.done
	return r.client.Close()
}

// wire is an entry as stored in Redis.
type wire struct {
	V json.RawMessage `json:"v"`
	T []string        `json:"t,omitempty"`
	G uint64          `json:"g"`
	C int64           `json:"c"`
	F int64           `json:"f"`
	S int64           `json:"s"`
}

func (r *redisStore) get(ctx context.Context, d *Def, key string) (*entry, error) {
	b, err := r.client.Get(ctx, r.prefix+"e:"+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var w wire
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("entry of %s: %w", d.Name, err)
	}
	if d.Decode == nil {
		return nil, nil
	}
	v, err := d.Decode(w.V)
	if err != nil {
		// Stored by another version of the app, say: load it anew.
		return nil, fmt.Errorf("cached function %s: decoding the stored value: %w", d.Name, err)
	}
	return &entry{key: key, value: v, tags: w.T, gen: w.G, created: time.UnixMilli(w.C),
		life: Life{Fresh: time.Duration(w.F) * time.Millisecond, Stale: time.Duration(w.S) * time.Millisecond}}, nil
}

func (r *redisStore) set(d *Def, e *entry) error {
	ttl := e.created.Add(e.life.expire()).Sub(r.c.now())
	if ttl < time.Millisecond {
		return nil
	}
	v, err := json.Marshal(e.value)
	if err != nil {
		return fmt.Errorf("cached function %s: its value cannot be stored as JSON: %w", d.Name, err)
	}
	b, err := json.Marshal(wire{V: v, T: e.tags, G: e.gen, C: e.created.UnixMilli(), F: e.life.Fresh.Milliseconds(), S: e.life.Stale.Milliseconds()})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return r.client.Set(ctx, r.prefix+"e:"+e.key, b, ttl).Err()
}

func (r *redisStore) invalidate(ctx context.Context, tags []string, hard bool) (uint64, error) {
	args := make([]any, 0, len(tags)+2)
	h := "0"
	if hard {
		h = "1"
	}
	args = append(args, r.ch, h)
	for _, t := range tags {
		args = append(args, t)
	}
	// Not cancelled by the client going away: the change was made.
	g, err := invalidateScript.Run(context.WithoutCancel(ctx), r.client, r.meta[:], args...).Uint64()
	return g, err
}

// pend keeps an invalidation that could not be sent.
func (r *redisStore) pend(tags []string, hard bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range tags {
		r.pending[t] = r.pending[t] || hard
	}
}

// flush sends the kept invalidations.
func (r *redisStore) flush(ctx context.Context) error {
	r.mu.Lock()
	var soft, hard []string
	for t, h := range r.pending {
		if h {
			hard = append(hard, t)
		} else {
			soft = append(soft, t)
		}
	}
	r.pending = map[string]bool{}
	r.mu.Unlock()
	for i, tags := range [2][]string{soft, hard} {
		if len(tags) == 0 {
			continue
		}
		if _, err := r.invalidate(ctx, tags, i == 1); err != nil {
			r.pend(tags, i == 1)
			return err
		}
	}
	return nil
}

// sync sends kept invalidations, takes a snapshot of the invalidation
// state, drops the local copies of entries and marks the store reachable.
func (r *redisStore) sync(ctx context.Context) error {
	if err := r.flush(ctx); err != nil {
		return err
	}
	res, err := snapshotScript.Run(ctx, r.client, r.meta[:]).Slice()
	if err != nil {
		return err
	}
	if len(res) != 3 {
		return fmt.Errorf("snapshot: %d values", len(res))
	}
	gs, _ := res[0].(string)
	g, err := strconv.ParseUint(gs, 10, 64)
	if err != nil {
		return fmt.Errorf("snapshot: generation %q", gs)
	}
	r.c.mem.clear()
	r.c.gens.replace(g, pairs(res[1]), pairs(res[2]))
	if !r.c.healthy.Swap(true) {
		r.c.log.Info("gorsc: cache store reachable", "generation", g)
	}
	return nil
}

func pairs(v any) map[string]uint64 {
	m := map[string]uint64{}
	list, _ := v.([]any)
	for i := 0; i+1 < len(list); i += 2 {
		k, _ := list[i].(string)
		s, _ := list[i+1].(string)
		if n, err := strconv.ParseUint(s, 10, 64); err == nil {
			m[k] = n
		}
	}
	return m
}

// apply records an invalidation message.
func (r *redisStore) apply(payload string) {
	parts := strings.Split(payload, "\n")
	if len(parts) < 3 {
		return
	}
	g, err := strconv.ParseUint(parts[0], 10, 64)
	if err != nil {
		return
	}
	r.c.gens.apply(g, parts[2:], parts[1] == "1")
}

// run keeps the subscription to invalidations, resynchronizing whenever
// it (re)subscribes and marking the store unreachable when it breaks.
func (r *redisStore) run(ctx context.Context) {
	defer close(r.done)
	defer func() {
		if p := recover(); p != nil {
			r.c.log.Error("gorsc: cache subscription panicked; invalidations from other instances are no longer received", "panic", p, "stack", string(debug.Stack()))
			r.c.healthy.Store(false)
		}
	}()
	ps := r.ps
	needSync := false
	var lastSeen time.Time
	backoff := 50 * time.Millisecond
	for ctx.Err() == nil {
		// Synchronize only over a subscription that answers, so that no
		// invalidation published after the snapshot is missed.
		if needSync && time.Since(lastSeen) < 2*pingEvery {
			if err := r.sync(ctx); err != nil {
				r.c.down(err)
			} else {
				needSync = false
			}
		}
		msg, err := ps.ReceiveTimeout(ctx, pingEvery)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				if !lastSeen.IsZero() && time.Since(lastSeen) > 3*pingEvery {
					r.c.down(errors.New("no answer to PING on the subscription"))
					needSync = true
				}
				if err := ps.Ping(ctx); err != nil {
					r.c.down(err)
					needSync = true
				}
				continue
			}
			r.c.down(err)
			needSync = true
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
			}
			backoff = min(2*backoff, 2*time.Second)
			continue
		}
		lastSeen, backoff = time.Now(), 50*time.Millisecond
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind == "subscribe" {
				needSync = true
			}
		case *redis.Message:
			r.apply(m.Payload)
		}
	}
}
