package gorsc_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/testenv"
)

// Two instances of an app sharing a real redis-server: what an action on
// one changes shows on the other within a second; with Redis stopped,
// both still answer 200.
func TestRedisTwoInstances(t *testing.T) {
	srv := testenv.StartRedis(t)
	instance := func() (*gorsc.App, *syncBuffer) {
		logs := &syncBuffer{}
		c, err := gorsc.NewRedisCache(srv.URL(), &gorsc.RedisCacheOptions{Prefix: "two:", Logger: slog.New(slog.NewTextHandler(logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		app, _ := cacheApp(t, func(app *gorsc.App) { app.Cache = c })
		return app, logs
	}
	a, alogs := instance()
	b, blogs := instance()
	rc := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rc.Close()
	// a stores what it loaded in Redis right after answering.
	stored := func() {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for rc.Exists(context.Background(), "two:e:test-todos\x00").Val() != 1 {
			if time.Now().After(deadline) {
				t.Fatal("the todos never reached Redis")
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	setTodos("milk")
	getBody(t, a, "/todos")
	stored()
	getBody(t, b, "/todos")
	if n := todoDB.loads.Load(); n != 1 {
		t.Errorf("two instances loaded the todos %d times, want once (shared through Redis)", n)
	}
	if st := a.Cache.Stats(); !st.Healthy {
		t.Fatalf("a: %+v", st)
	}

	update := ids(t, a, "/todos")[0]
	resp, body := callJS(t, a, "/todos", update, `["eggs"]`)
	if resp.StatusCode != 200 || !strings.Contains(body, "eggs") {
		t.Fatalf("action on a: %d\n%s", resp.StatusCode, body)
	}
	start := time.Now()
	for !strings.Contains(getBody(t, b, "/todos"), "eggs") {
		if time.Since(start) > time.Second {
			t.Fatal("the action on a did not show on b within 1 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("b showed a's change after %v", time.Since(start))

	// Redis goes away: pages and actions still answer, uncached.
	srv.Stop()
	for i := range 20 {
		for name, app := range map[string]*gorsc.App{"a": a, "b": b} {
			resp, body := do(t, app, httptest.NewRequest("GET", "/todos", nil))
			if resp.StatusCode != 200 {
				t.Fatalf("GET %d on %s with Redis down: %d\n%s", i, name, resp.StatusCode, body)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, body = callJS(t, b, "/todos", update, `["bread"]`)
	if resp.StatusCode != 200 || !strings.Contains(body, "bread") {
		t.Fatalf("action on b with Redis down: %d\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(getBody(t, a, "/todos"), "bread") {
		t.Error("with Redis down, a serves a stale copy instead of loading")
	}
	for name, logs := range map[string]*syncBuffer{"a": alogs, "b": blogs} {
		if n := strings.Count(logs.String(), "level=ERROR"); n > 1 {
			t.Errorf("%s logged %d errors, want at most one per interval:\n%s", name, n, logs)
		}
		if !strings.Contains(logs.String(), "cache store unreachable") {
			t.Errorf("%s did not say the store is unreachable:\n%s", name, logs)
		}
	}

	// Redis is back: the caches reconnect and share again.
	srv.Start()
	deadline := time.Now().Add(10 * time.Second)
	for !a.Cache.Stats().Healthy || !b.Cache.Stats().Healthy {
		if time.Now().After(deadline) {
			t.Fatal("the caches did not reconnect within 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// The invalidation b kept during the outage reaches a a moment after
	// b reconnects, and until an instance has heard of an invalidation it
	// takes values loaded after it for expired (one extra load, never a
	// stale value). Soon a value one instance loads is served by the other.
	deadline = time.Now().Add(2 * time.Second)
	for try := 1; ; try++ {
		a.Cache.UpdateTag(context.Background(), "todos")
		todoDB.loads.Store(0)
		getBody(t, a, "/todos")
		stored()
		getBody(t, b, "/todos")
		if n := todoDB.loads.Load(); n == 1 {
			t.Logf("shared again after %d tries", try)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after Redis came back, the instances do not share values (%d loads)", todoDB.loads.Load())
		}
		rc.Del(context.Background(), "two:e:test-todos\x00")
		time.Sleep(10 * time.Millisecond)
	}
}

// A cached page rendered by one instance is served by the other, the same
// bytes and ETag, and expired on both by an action on one.
func TestRedisSharedCachedPage(t *testing.T) {
	srv := testenv.StartRedis(t)
	instance := func() (*gorsc.App, *atomic.Int64) {
		c, err := gorsc.NewRedisCache(srv.URL(), &gorsc.RedisCacheOptions{Prefix: "pages:", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		app, _, renders := cachedPageApp(t, func(app *gorsc.App) { app.Cache = c })
		return app, renders
	}
	a, arenders := instance()
	b, brenders := instance()
	rc := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rc.Close()
	setTodos("milk")
	ra, pa := do(t, a, httptest.NewRequest("GET", "/cp/1", nil))
	deadline := time.Now().Add(5 * time.Second)
	for rc.Exists(context.Background(), "pages:e:page /cp/{id}\x00/cp/1\x00document").Val() != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the page never reached Redis")
		}
		time.Sleep(2 * time.Millisecond)
	}
	rb, pb := do(t, b, httptest.NewRequest("GET", "/cp/1", nil))
	if rb.StatusCode != 200 || pb != pa || rb.Header.Get("ETag") != ra.Header.Get("ETag") || rb.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("b's answer differs from a's: %d %v", rb.StatusCode, rb.Header)
	}
	if arenders.Load() != 1 || brenders.Load() != 0 {
		t.Errorf("renders: a %d, b %d; want a 1, b 0", arenders.Load(), brenders.Load())
	}
	update := ids(t, a, "/cp/1")[0]
	if resp, body := callJS(t, a, "/cp/1", update, `["eggs"]`); resp.StatusCode != 200 || !strings.Contains(body, "eggs") {
		t.Fatalf("action on a: %d\n%s", resp.StatusCode, body)
	}
	start := time.Now()
	for !strings.Contains(getBody(t, b, "/cp/1"), "<li>eggs</li>") {
		if time.Since(start) > time.Second {
			t.Fatal("the action on a did not expire b's cached page within 1 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
