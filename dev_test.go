package gorsc_test

import (
	"net/http/httptest"
	"testing"

	"github.com/gorsc/gorsc"
)

// TestNoDevEndpointInProduction: an app that does not run under gorsc dev
// (no GORSC_DEV=1) has no rebuild endpoint, even for a loopback client
// with the secret: the path is a page path like any other (404).
func TestNoDevEndpointInProduction(t *testing.T) {
	const secret = "0123456789abcdef0123456789abcdef"
	t.Setenv("GORSC_DEV", "")
	t.Setenv("GORSC_SECRET", secret)
	app, _ := newApp(t, func(app *gorsc.App) { app.Dir = "examples/bench" }) // bundled at start, as under gorsc dev
	for _, method := range []string{"POST", "GET"} {
		req := httptest.NewRequest(method, "/__gorsc_dev/rebuild", nil)
		req.RemoteAddr = "127.0.0.1:5000"
		req.Header.Set("Authorization", "Bearer "+secret)
		if resp, body := do(t, app, req); resp.StatusCode != 404 {
			t.Errorf("%s /__gorsc_dev/rebuild without GORSC_DEV: %d %.200s, want 404", method, resp.StatusCode, body)
		}
	}
}
