package gorsc_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// An answer complete at once (no Suspense boundary still loading) goes
// out with its Content-Length, as one body without chunked framing; one
// that streams keeps chunked framing, so each boundary reaches the
// browser when it is written.
func TestCompleteAnswersHaveContentLength(t *testing.T) {
	release := make(chan struct{})
	app, _ := newApp(t, func(app *gorsc.App) {
		app.DisableCompression = true
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			items := make([]gorsc.Node, 500) // well past net/http's own buffering
			for i := range items {
				items[i] = html.Li(gorsc.Key(fmt.Sprint(i)), html.Textf("item %d", i))
			}
			return html.HTML(html.Body(html.H1(html.Text("whole")), html.Ul(items...))), nil
		})
		app.Page("/streams", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Body(gorsc.Suspense(html.P(html.Text("loading")), gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
				select {
				case <-release:
				case <-ctx.Done():
					return nil, ctx.Err()
				}
				return html.P(html.Text("late")), nil
			})))), nil
		})
	})
	srv := httptest.NewServer(app)
	defer srv.Close()
	get := func(path string, header ...string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	for _, h := range [][]string{nil, {"RSC", "1"}} {
		resp, body := get("/", h...)
		if resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) != 0 || !strings.Contains(body, "item 499") || len(body) < 8000 {
			t.Errorf("GET / %v: Content-Length %d, Transfer-Encoding %v, body of %d bytes", h, resp.ContentLength, resp.TransferEncoding, len(body))
		}
	}
	// The streaming page: the shell arrives before the boundary is done.
	resp, err := http.Get(srv.URL + "/streams")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != -1 || fmt.Sprint(resp.TransferEncoding) != "[chunked]" {
		t.Errorf("streaming page: Content-Length %d, Transfer-Encoding %v", resp.ContentLength, resp.TransferEncoding)
	}
	shell := make(chan string, 1)
	go func() {
		r := bufio.NewReader(resp.Body)
		var got strings.Builder
		for !strings.Contains(got.String(), "loading") {
			line, err := r.ReadString('>')
			got.WriteString(line)
			if err != nil {
				break
			}
		}
		shell <- got.String()
	}()
	select {
	case s := <-shell:
		if !strings.Contains(s, "loading") {
			t.Fatalf("no fallback in the shell: %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the shell did not arrive before the boundary was released")
	}
	close(release)
	rest, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(rest), "late") {
		t.Errorf("the boundary's content did not follow: %q", rest)
	}
}
