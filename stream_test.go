package gorsc_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// syncBuffer is a log sink safe for the server's goroutines.
func streamApp(t *testing.T, page gorsc.PageFunc, setup ...func(*gorsc.App)) (*httptest.Server, *syncBuffer) {
	t.Helper()
	app, logs := newApp(t, func(app *gorsc.App) {
		app.Page("/", page)
		for _, f := range setup {
			f(app)
		}
	})
	return serve(t, app), logs
}

// waitFor returns a component that renders text once ch is closed.
func waitFor(ch <-chan struct{}, text string) gorsc.Node {
	return gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
		select {
		case <-ch:
			return html.P(html.Text(text)), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
}

// readUntil reads from r until the data read so far contains marker.
func readUntil(t *testing.T, r *bufio.Reader, got *strings.Builder, marker string) {
	t.Helper()
	buf := make([]byte, 4096)
	for !strings.Contains(got.String(), marker) {
		n, err := r.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			t.Fatalf("stream ended (%v) before %q; got:\n%s", err, marker, got.String())
		}
	}
}

func TestStreamBoundariesInCompletionOrder(t *testing.T) {
	first, second := make(chan struct{}), make(chan struct{})
	srv, _ := streamApp(t, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(
			html.H1(html.Text("shell")),
			gorsc.Suspense(html.P(html.Text("fallback one")), waitFor(first, "content one")),
			gorsc.Suspense(html.P(html.Text("fallback two")), waitFor(second, "content two")),
		)), nil
	}, func(app *gorsc.App) { app.Dir = "examples/bench" }) // React's real $RC runtime
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	var got strings.Builder

	// 1. The shell arrives while both boundaries are still waiting.
	readUntil(t, r, &got, `<script id="_R_">`)
	readUntil(t, r, &got, "</script>")
	shell := got.String()
	for _, want := range []string{
		`<h1>shell</h1><!--$?--><template id="B:0"></template><p>fallback one</p><!--/$--><!--$?--><template id="B:1"></template><p>fallback two</p><!--/$-->`,
		`(self.__gorsc_f=self.__gorsc_f||[]).push(`,
	} {
		if !strings.Contains(shell, want) {
			t.Errorf("shell lacks %q:\n%s", want, shell)
		}
	}
	if strings.Contains(shell, "content") || strings.Contains(shell, "</body>") {
		t.Fatalf("shell holds content or the end of the document:\n%s", shell)
	}

	// 2. The second boundary finishes first and is written first: its
	// Flight row, then its hidden segment and $RC.
	close(second)
	readUntil(t, r, &got, `$RC("B:1","S:1")</script>`)
	part := got.String()[len(shell):]
	if !strings.Contains(part, `<div hidden id="S:1"><p>content two</p></div>`) || strings.Contains(part, "content one") {
		t.Errorf("second flush:\n%s", part)
	}
	if i, j := strings.Index(part, `"children":"content two"`), strings.Index(part, "<div hidden"); i < 0 || i > j {
		t.Errorf("the boundary's Flight row must come before its HTML segment:\n%s", part)
	}
	if !strings.Contains(part, "$RB=[];") {
		t.Error("the first completion lacks React's $RC runtime")
	}

	// 3. Then the first; the document ends after the last boundary.
	close(first)
	rest, _ := io.ReadAll(r)
	tail := string(rest)
	if !strings.Contains(tail, `<div hidden id="S:0"><p>content one</p></div><script>$RC("B:0","S:0")</script>`) {
		t.Errorf("last flush:\n%s", tail)
	}
	if strings.Contains(tail, "$RB=[];") {
		t.Error("React's runtime was written twice")
	}
	if !strings.HasSuffix(tail, "</body></html>") {
		t.Errorf("document does not end with </body></html>: %q", tail[max(0, len(tail)-40):])
	}
}

func TestStreamFlightRequest(t *testing.T) {
	gate := make(chan struct{})
	srv, _ := streamApp(t, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.Div(gorsc.Suspense(html.P(html.Text("wait")), waitFor(gate, "late"))), nil
	})
	req, _ := http.NewRequest("GET", srv.URL+"/", nil)
	req.Header.Set("RSC", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	var got strings.Builder
	readUntil(t, r, &got, "\n0:")
	readUntil(t, r, &got, "]\n")
	if !strings.Contains(got.String(), `"children":"$L2"`) || strings.Contains(got.String(), "late") {
		t.Fatalf("shell rows:\n%s", got.String())
	}
	close(gate)
	rest, _ := io.ReadAll(r)
	if want := `2:["$","p",null,{"children":"late"}]` + "\n"; string(rest) != want {
		t.Errorf("lazy row = %q, want %q", rest, want)
	}
}

func TestStreamErrorInBoundaryIsADigest(t *testing.T) {
	srv, logs := streamApp(t, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		failing := gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
			time.Sleep(time.Millisecond) // let the shell go first
			return nil, errors.New("db password hunter2 rejected")
		})
		return html.HTML(html.Body(gorsc.Suspense(html.P(html.Text("loading")), failing))), nil
	})
	body := get(t, srv.URL+"/")
	if strings.Contains(body, "hunter2") {
		t.Fatal("the error's message reached the client")
	}
	_, after, ok := strings.Cut(body, `$RX("B:0","`)
	if !ok {
		t.Fatalf("no $RX for the failed boundary:\n%s", body)
	}
	digest, _, _ := strings.Cut(after, `"`)
	if !strings.Contains(body, `E{"digest":"`+digest+`"}`) {
		t.Errorf("the Flight error row lacks digest %s", digest)
	}
	if !strings.Contains(logs.String(), digest) || !strings.Contains(logs.String(), "hunter2") {
		t.Errorf("the log lacks the digest %s with the error:\n%s", digest, logs.String())
	}
}

func TestRenderTimeoutFailsBoundary(t *testing.T) {
	never := make(chan struct{})
	srv, _ := streamApp(t, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(gorsc.Suspense(html.P(html.Text("loading")), waitFor(never, "never")))), nil
	}, func(app *gorsc.App) { app.RenderTimeout = 20 * time.Millisecond })
	body := get(t, srv.URL+"/")
	if !strings.Contains(body, `$RX("B:0"`) || !strings.HasSuffix(body, "</body></html>") {
		t.Errorf("a timed-out boundary must be client-rendered and the document finished:\n%s", body)
	}
}

func TestNoGoroutineOutlivesCancelledRequest(t *testing.T) {
	// Components that had started when the client went away must see the
	// cancellation and end; those not started yet are never called.
	var started, ended atomic.Int32
	srv, _ := streamApp(t, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		blocked := func() gorsc.Node {
			return gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
				started.Add(1)
				defer ended.Add(1)
				<-ctx.Done()
				return nil, ctx.Err()
			})
		}
		return html.HTML(html.Body(
			gorsc.Suspense(html.P(html.Text("a")), blocked()),
			gorsc.Suspense(html.P(html.Text("b")), html.Div(blocked(), blocked())),
		)), nil
	})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	get(t, srv.URL+"/no-such-page") // warm up the server's goroutines
	base := runtime.NumGoroutine()
	const requests = 5
	for range requests {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/", nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		readUntil(t, bufio.NewReader(resp.Body), &got, `<script id="_R_">`)
		cancel() // the client goes away mid-stream
		resp.Body.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for started.Load() == 0 || ended.Load() != started.Load() || runtime.NumGoroutine() > base+2 {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("components started %d, ended %d; goroutines: %d, before: %d\n%s",
				started.Load(), ended.Load(), runtime.NumGoroutine(), base, buf[:n])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
