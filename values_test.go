package gorsc_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/protocol"
)

// A promise passed to a client component streams its value later in the
// same answer, after the shell; a rejected one becomes an error row with
// a digest only, logged with the error.
func TestPromisePropStreams(t *testing.T) {
	release := make(chan struct{})
	app, logs := newApp(t, func(app *gorsc.App) {
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			later := gorsc.NewPromise(ctx, func(ctx context.Context) (string, error) {
				select {
				case <-release:
					return "streamed value", nil
				case <-ctx.Done():
					return "", ctx.Err()
				}
			})
			failed := gorsc.NewPromise(ctx, func(ctx context.Context) (int, error) { return 0, errors.New("db down: hunter2") })
			return gorsc.Client("components/Counter.tsx#Counter", map[string]any{"later": later, "failed": failed}), nil
		})
	})
	close(release)
	for _, flightReq := range []bool{true, false} {
		req := httptest.NewRequest("GET", "/", nil)
		if flightReq {
			req.Header.Set(protocol.Flight, "1")
		}
		_, body := do(t, app, req)
		refs := regexp.MustCompile(`"failed":"\$@([0-9a-f]+)","later":"\$@([0-9a-f]+)"`).FindStringSubmatch(body)
		if refs == nil {
			t.Fatalf("flight=%v: no promise references in\n%s", flightReq, body)
		}
		if !strings.Contains(body, refs[2]+`:"streamed value"`) {
			t.Errorf("flight=%v: the promise's value row is missing:\n%s", flightReq, body)
		}
		if !regexp.MustCompile(refs[1]+`:E\{"digest":"[0-9a-f]+"\}`).MatchString(body) || strings.Contains(body, "hunter2") {
			t.Errorf("flight=%v: the rejected promise must be an error row with a digest only:\n%s", flightReq, body)
		}
	}
	if !strings.Contains(logs.String(), "hunter2") {
		t.Errorf("the rejection is not logged:\n%s", logs.String())
	}
}

// Number children and keyed Suspense through the public API.
func TestNumberAndKeyedSuspense(t *testing.T) {
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return gorsc.Suspense(gorsc.Text("…"), gorsc.Key("s1"), gorsc.Number(42), gorsc.Number(1.5)), nil
		})
	})
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set(protocol.Flight, "1")
	_, body := do(t, app, req)
	if !strings.Contains(body, `"s1"`) || !strings.Contains(body, `[42,1.5]`) {
		t.Errorf("want a keyed Suspense with number children:\n%s", body)
	}
}
