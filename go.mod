module github.com/gorsc/gorsc

go 1.26

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
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8 // indirect
)
