package cache

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gorsc/gorsc/internal/testenv"
)

// Tests against a real redis-server: two caches are two instances of an
// app sharing it.

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *logBuf) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func newRedisClient(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr, DialTimeout: 200 * time.Millisecond,
		ReadTimeout: 500 * time.Millisecond, WriteTimeout: 500 * time.Millisecond, MaxRetries: 1})
}

func newRedisCache(t *testing.T, srv *testenv.Redis, logs *logBuf) *Cache {
	t.Helper()
	o := Options{Logger: slog.New(slog.NewTextHandler(logs, nil)), ErrorInterval: time.Hour}
	c := NewRedis(newRedisClient(srv.Addr()), "test:"+t.Name()+":", o)
	t.Cleanup(func() { c.Close() })
	if !c.Stats().Healthy {
		t.Fatalf("cache not connected to %s:\n%s", srv.Addr(), logs)
	}
	return c
}

type todo struct {
	ID    int
	Title string
	At    time.Time
}

func decodeJSON[T any](b []byte) (any, error) {
	var v T
	err := json.Unmarshal(b, &v)
	return v, err
}

func todosDef() *Def {
	return &Def{Name: "todos", Tags: []string{"todos"}, Life: Life{Fresh: time.Hour, Stale: time.Hour}, Decode: decodeJSON[[]todo]}
}

// typedSource is a source of []todo.
type typedSource struct {
	mu    sync.Mutex
	todos []todo
	loads int
}

func (s *typedSource) load(ctx context.Context) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loads++
	return append([]todo(nil), s.todos...), nil
}

func (s *typedSource) set(ts ...todo) {
	s.mu.Lock()
	s.todos = ts
	s.mu.Unlock()
}

func (s *typedSource) count() int { s.mu.Lock(); defer s.mu.Unlock(); return s.loads }

func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Since(start)
}

func TestRedisSharedEntries(t *testing.T) {
	srv := testenv.StartRedis(t)
	logs := &logBuf{}
	a, b := newRedisCache(t, srv, logs), newRedisCache(t, srv, logs)
	src := &typedSource{}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	src.set(todo{1, "milk", at}, todo{2, "eggs", at})
	d := todosDef()
	ctx := context.Background()
	va, err := a.Get(ctx, d, "todos\x00", src.load)
	if err != nil {
		t.Fatal(err)
	}
	rc := newRedisClient(srv.Addr())
	defer rc.Close()
	waitFor(t, "the entry in Redis", 5*time.Second, func() bool {
		return rc.Exists(ctx, "test:"+t.Name()+":e:todos\x00").Val() == 1
	})
	vb, err := b.Get(ctx, d, "todos\x00", src.load)
	if err != nil {
		t.Fatal(err)
	}
	if src.count() != 1 {
		t.Errorf("the second instance loaded again: %d loads", src.count())
	}
	if !reflect.DeepEqual(va, vb) {
		t.Errorf("instance b got %#v, a %#v", vb, va)
	}
	// The second read of b is served from its local copy.
	if _, err := b.Get(ctx, d, "todos\x00", src.load); err != nil || b.Stats().Hits != 2 {
		t.Errorf("b: %v, stats %+v", err, b.Stats())
	}
	if strings.Contains(logs.String(), "level=WARN") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("logs:\n%s", logs)
	}
}

// An invalidation by one instance reaches the other within a second, for
// both kinds: UpdateTag (the next read is fresh) and RevalidateTag (stale
// once, then fresh).
func TestRedisInvalidationBroadcast(t *testing.T) {
	srv := testenv.StartRedis(t)
	logs := &logBuf{}
	a, b := newRedisCache(t, srv, logs), newRedisCache(t, srv, logs)
	src := &typedSource{}
	src.set(todo{ID: 1, Title: "milk"})
	d := todosDef()
	ctx := context.Background()
	title := func(c *Cache) string {
		v, err := c.Get(ctx, d, "todos\x00", src.load)
		if err != nil {
			t.Fatal(err)
		}
		ts := v.([]todo)
		return ts[len(ts)-1].Title
	}
	title(a)
	waitFor(t, "b to share a's entry", 5*time.Second, func() bool { return title(b) == "milk" })

	for i, hard := range []bool{true, false} {
		want := []string{"eggs", "bread"}[i]
		src.set(todo{ID: 2, Title: want})
		a.Invalidate(ctx, []string{"todos"}, hard)
		took := waitFor(t, "the invalidation on b", time.Second, func() bool { return title(b) == want })
		t.Logf("hard=%v: b saw the change after %v", hard, took)
		if title(a) != want && !hard {
			// a serves stale once too; then fresh.
			waitFor(t, "a's reload", time.Second, func() bool { return title(a) == want })
		}
	}
	if strings.Contains(logs.String(), "level=WARN") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("logs:\n%s", logs)
	}
}

// With Redis down, reads still answer (loaded directly), the failure is
// logged once per interval, invalidations are kept and sent when Redis is
// back, and the caches recover.
func TestRedisDown(t *testing.T) {
	srv := testenv.StartRedis(t)
	logs := &logBuf{}
	a, b := newRedisCache(t, srv, logs), newRedisCache(t, srv, logs)
	src := &typedSource{}
	src.set(todo{ID: 1, Title: "milk"})
	d := todosDef()
	ctx := context.Background()
	if _, err := a.Get(ctx, d, "todos\x00", src.load); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	src.set(todo{ID: 2, Title: "eggs"})
	a.Invalidate(ctx, []string{"todos"}, true)
	// Reads answer throughout the outage, fresh from the source.
	deadline := time.Now().Add(1500 * time.Millisecond)
	for n := 0; time.Now().Before(deadline); n++ {
		for _, c := range []*Cache{a, b} {
			v, err := c.Get(ctx, d, "todos\x00", src.load)
			if err != nil {
				t.Fatalf("read %d while Redis is down: %v", n, err)
			}
			if got := v.([]todo)[0].Title; got != "eggs" {
				t.Fatalf("read %d while Redis is down: %q, want eggs (the invalidation was made on this instance)", n, got)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	if a.Stats().Healthy || b.Stats().Healthy {
		t.Errorf("still healthy with Redis down: %+v %+v", a.Stats(), b.Stats())
	}
	// One warning per cache (and at most one of go-redis's own lines);
	// errors once per interval (an hour here).
	if n := strings.Count(logs.String(), "level=WARN") - strings.Count(logs.String(), "go-redis"); n != 2 {
		t.Errorf("%d warnings, want one per cache:\n%s", n, logs)
	}
	if n := strings.Count(logs.String(), "go-redis"); n > 1 {
		t.Errorf("%d lines of go-redis's, want at most one per interval:\n%s", n, logs)
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n > 2 {
		t.Errorf("%d errors logged in 1.5 s, want at most one per cache:\n%s", n, logs)
	}

	srv.Start()
	waitFor(t, "the caches to reconnect", 10*time.Second, func() bool { return a.Stats().Healthy && b.Stats().Healthy })
	rc := newRedisClient(srv.Addr())
	defer rc.Close()
	if rc.HExists(ctx, "test:"+t.Name()+":{inv}:expired", "todos").Val() != true {
		t.Error("the invalidation made while Redis was down was not sent when it came back")
	}
	// Cached again.
	before := src.count()
	for range 3 {
		if _, err := b.Get(ctx, d, "todos\x00", src.load); err != nil {
			t.Fatal(err)
		}
	}
	if n := src.count() - before; n != 1 {
		t.Errorf("after reconnecting, 3 reads ran %d loads, want 1", n)
	}
}
