module github.com/gorsc/gorsc

go 1.26.0

require (
	github.com/chromedp/cdproto v0.159.2
	github.com/chromedp/chromedp v0.23.0
	github.com/evanw/esbuild v0.28.2
	// The Redis cache store (internal/cache/redis.go): Redis's own Go
	// client, kept by Redis; its PubSub reconnects and resubscribes by
	// itself, and Script runs our Lua with EVALSHA. Chosen over rueidis for
	// a plain API and a wider user base; we need neither client-side caching
	// (our own local copies do that) nor auto-pipelining.
	github.com/redis/go-redis/v9 v9.23.0
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	go.uber.org/atomic v1.12.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
)
