module github.com/gorsc/gorsc

go 1.26.0

require (
	// brotli for compressed answers and precompressed assets (internal/compress):
	// the maintained pure-Go port of Google's encoder, with streaming Flush, so
	// no cgo; every browser decodes "br".
	github.com/andybalholm/brotli v1.3.0
	github.com/chromedp/cdproto v0.159.2
	github.com/chromedp/chromedp v0.23.0
	github.com/evanw/esbuild v0.28.2
	// gzip and zstd for compressed answers (internal/compress): faster than the
	// standard library's gzip at the same ratio, pooled encoders with Reset, a
	// synchronous zstd encoder with Flush; widely used and kept up.
	github.com/klauspost/compress v1.20.4
	// The Redis cache store (internal/cache/redis.go): Redis's own Go
	// client, kept by Redis; its PubSub reconnects and resubscribes by
	// itself, and Script runs our Lua with EVALSHA. Chosen over rueidis for
	// a plain API and a wider user base; we need neither client-side caching
	// (our own local copies do that) nor auto-pipelining.
	github.com/redis/go-redis/v9 v9.23.0
	// golang.org/x/sys: inotify for gorsc dev (internal/devserver), which
	// learns of an edit at once instead of walking the app every few hundred
	// milliseconds. Not fsnotify: an app's go.sum (read by "go run
	// github.com/gorsc/gorsc/cmd/gorsc dev") holds x/sys already, through
	// modernc.org, but not fsnotify.
	golang.org/x/sys v0.49.0
	// golang.org/x/tools: go/packages loads and type-checks the app's Go
	// code for gorsc types (internal/typegen), the Go team's own loader;
	// used only by cmd/gorsc, never linked into an app.
	golang.org/x/tools v0.52.0
	// modernc.org/quickjs: the JavaScript engine internal/ssr renders client
	// components in (React's own server renderer). Pure Go, no cgo, output
	// byte-identical to Node's (../shared/research/ssr-engines.md); faster
	// than goja for React and without its O(n²) string building. libquickjs is
	// its C API, which internal/ssr/bridge.go uses for ArrayBuffers.
	// libc is pinned at v1.80.1, the version modernc.org/sqlite v1.62.0 needs
	// (quickjs v0.27.0 asks for v1.79.0): quickjs's own tests pass on v1.80.1
	// (go test -short modernc.org/quickjs with this go.mod's versions), and so
	// do internal/ssr's.
	modernc.org/libc v1.80.1
	modernc.org/libquickjs v0.14.0
	modernc.org/quickjs v0.27.0
	// modernc.org/sqlite: the SQLite of examples/showcase (and of the apps
	// gorsc new writes), pure Go without cgo; it pins modernc.org/libc
	// v1.80.1, which modernc.org/quickjs (internal/ssr) runs on too.
	modernc.org/sqlite v1.62.0
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dustin/go-humanize v1.1.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/ncruces/go-strftime v1.1.0 // indirect
	github.com/remyoudompheng/bigfft v0.0.0-20230129092748-24d4a6f8daec // indirect
	go.uber.org/atomic v1.12.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	modernc.org/mathutil v1.7.1 // indirect
	modernc.org/memory v1.12.1 // indirect
)
