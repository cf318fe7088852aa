package devserver

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// A request proxied to a process that was stopped for a newer one (its
// port closed) goes once more, to the newer one; a request with a body
// does not (it may have reached the old process), and gets a 502.
func TestProxyRetriesOnTheNewProcess(t *testing.T) {
	live := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "new process "+r.Method)
	}))
	defer live.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := &url.URL{Scheme: "http", Host: ln.Addr().String()}
	ln.Close() // the stopped process: nothing listens there
	liveURL, _ := url.Parse(live.URL)

	s := &Server{}
	s.proxy = s.newProxy()
	s.backend = liveURL
	send := func(method, body string) *httptest.ResponseRecorder {
		var r *http.Request
		if body == "" {
			r = httptest.NewRequest(method, "/", nil)
		} else {
			r = httptest.NewRequest(method, "/", strings.NewReader(body))
		}
		r = r.WithContext(context.WithValue(r.Context(), backendKey{}, dead))
		w := httptest.NewRecorder()
		s.proxy.ServeHTTP(w, r)
		return w
	}
	if w := send("GET", ""); w.Code != 200 || w.Body.String() != "new process GET" {
		t.Errorf("GET to the stopped process: %d %q, want 200 from the new one", w.Code, w.Body.String())
	}
	if w := send("POST", "a=1"); w.Code != http.StatusBadGateway || !strings.Contains(w.Body.String(), "the app did not answer") {
		t.Errorf("POST with a body to the stopped process: %d %q, want 502", w.Code, w.Body.String())
	}
	// No newer process: the error, not a loop.
	s.backend = dead
	if w := send("GET", ""); w.Code != http.StatusBadGateway {
		t.Errorf("GET with no newer process: %d, want 502", w.Code)
	}
}
