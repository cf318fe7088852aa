module github.com/gorsc/gorsc

go 1.26.0

require (
	github.com/chromedp/cdproto v0.159.2
	github.com/chromedp/chromedp v0.23.0
	github.com/evanw/esbuild v0.28.2
	// golang.org/x/tools: go/packages loads and type-checks the app's Go
	// code for gorsc types (internal/typegen), the Go team's own loader;
	// used only by cmd/gorsc, never linked into an app.
	golang.org/x/tools v0.52.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
