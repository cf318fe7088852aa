package gorsc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
)

var echo = gorsc.Action(func(ctx context.Context, n int, s string) (string, error) {
	return fmt.Sprintf("%s%d", s, n), nil
})

var failing = gorsc.Action(func(ctx context.Context) error {
	return errors.New("database password is hunter2")
})

var lastForm = make(chan string, 10)

var submit = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	lastForm <- form.Get("title")
	gorsc.RevalidatePath(ctx, "/")
	return nil
})

var remove = gorsc.Action(func(ctx context.Context, id int, form *gorsc.FormData) error {
	lastForm <- fmt.Sprintf("remove %d", id)
	return nil
})

// newTestApp serves one page with forms for the actions above, with
// secret; setup may set more fields.
func newTestApp(t *testing.T, secret string, setup ...func(*gorsc.App)) *gorsc.App {
	t.Helper()
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Secret = []byte(secret)
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Body(
				html.Form(html.Action(submit), html.Input(html.Name("title"))),
				html.Form(html.Action(remove.Bind(7)), html.Button(html.Text("Delete"))),
			)), nil
		})
		app.Page("/broken", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return nil, errors.New("secret detail")
		})
		for _, f := range setup {
			f(app)
		}
	})
	return app
}

func do(t *testing.T, h http.Handler, req *http.Request) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// actionID finds an action's public id in the page's no-JS form fields.
func actionID(t *testing.T, app *gorsc.App) string {
	t.Helper()
	_, body := do(t, app, httptest.NewRequest("GET", "/", nil))
	_, after, ok := strings.Cut(body, `name="$ACTION_ID_`)
	if !ok {
		t.Fatalf("no $ACTION_ID_ field in page:\n%s", body)
	}
	id, _, _ := strings.Cut(after, `"`)
	return id
}

func TestActionIDsAreOpaqueAndStable(t *testing.T) {
	a := actionID(t, newTestApp(t, "one"))
	b := actionID(t, newTestApp(t, "one"))
	c := actionID(t, newTestApp(t, "two"))
	if a != b {
		t.Errorf("same secret, different ids: %s, %s", a, b)
	}
	if a == c {
		t.Errorf("different secrets, same id %s", a)
	}
	if strings.Contains(a, "submit") || strings.Contains(a, "gorsc") || len(a) != 40 {
		t.Errorf("id %q is not an opaque 40-hex-digit id", a)
	}
}

func jsCall(id, body string) *http.Request {
	req := httptest.NewRequest("POST", "/", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set(protocol.Action, id)
	return req
}

func TestActionCallReturnsFlight(t *testing.T) {
	app := newTestApp(t, "s")
	// The id of echo is not on the page; derive it the way a page would
	// carry it, by rendering a page that uses it.
	app2 := &gorsc.App{Dir: "examples/bench", Secret: []byte("s")}
	app2.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(html.Form(html.Action(echo)))), nil
	})
	id := actionID(t, app2)

	resp, body := do(t, app, jsCall(id, `[41,"n="]`))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/x-component" {
		t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if want := `0:{"returnValue":"n=41"}` + "\n"; body != want {
		t.Errorf("body = %q, want %q", body, want)
	}

	// Arguments that do not fit the Go types: 400, and the function is not called.
	resp, body = do(t, app, jsCall(id, `["x","y"]`))
	if resp.StatusCode != 400 || !strings.HasPrefix(body, `0:E{"digest":"`) {
		t.Errorf("bad args: status %d body %q, want 400 with an error row", resp.StatusCode, body)
	}
	if strings.Contains(body, "expected") {
		t.Errorf("production error row leaks details: %q", body)
	}
}

func TestActionErrorsAreDigestsOnly(t *testing.T) {
	app := newTestApp(t, "s")
	app2 := &gorsc.App{Dir: "examples/bench", Secret: []byte("s")}
	app2.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(html.Form(html.Action(failing)))), nil
	})
	resp, body := do(t, app, jsCall(actionID(t, app2), `[]`))
	if resp.StatusCode != 500 || !strings.HasPrefix(body, `0:E{"digest":"`) || strings.Contains(body, "hunter2") {
		t.Errorf("status %d body %q: want 500 with a digest-only error row", resp.StatusCode, body)
	}
}

func TestUnknownActionIs404(t *testing.T) {
	app := newTestApp(t, "s")
	resp, _ := do(t, app, jsCall("0000000000000000000000000000000000000000", `[]`))
	if resp.StatusCode != 404 || resp.Header.Get("Gorsc-Action-Not-Found") != "1" {
		t.Errorf("status %d, want 404 with Gorsc-Action-Not-Found", resp.StatusCode)
	}
	// A Go function name is not an id.
	resp, _ = do(t, app, jsCall("github.com/gorsc/gorsc_test.init.func3", `[]`))
	if resp.StatusCode != 404 {
		t.Errorf("calling by function name: status %d, want 404", resp.StatusCode)
	}
}

func TestActionBodyLimit(t *testing.T) {
	app := newTestApp(t, "s", func(app *gorsc.App) { app.MaxActionBytes = 1 << 20 })
	big := `["` + strings.Repeat("a", 1<<20) + `"]`
	resp, _ := do(t, app, jsCall(actionID(t, app), big))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
}

func TestCrossOriginActionRefused(t *testing.T) {
	app := newTestApp(t, "s")
	req := jsCall(actionID(t, app), `["$K1"]`)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, _ := do(t, app, req)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("status %d, want 403", resp.StatusCode)
	}
}

func multipartBody(t *testing.T, fields [][2]string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		w.WriteField(f[0], f[1])
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

func TestFormPostWithoutJavaScript(t *testing.T) {
	app := newTestApp(t, "s")
	id := actionID(t, app)
	body, ct := multipartBody(t, [][2]string{{"$ACTION_ID_" + id, ""}, {"title", "milk"}})
	req := httptest.NewRequest("POST", "/?x=1", body)
	req.Header.Set("Content-Type", ct)
	resp, _ := do(t, app, req)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/?x=1" {
		t.Fatalf("status %d location %q, want 303 to /?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := <-lastForm; got != "milk" {
		t.Errorf("action got title %q", got)
	}
}

func TestBoundFormPostWithoutJavaScript(t *testing.T) {
	app := newTestApp(t, "s")
	_, page := do(t, app, httptest.NewRequest("GET", "/", nil))
	// The bound form names a sealed reference: <action id>.<seal>.
	refs := formRefs(page)
	if len(refs) != 2 || !strings.Contains(refs[1], ".") || strings.Contains(page, "$ACTION_REF_") {
		t.Fatalf("form refs = %q, want an unbound id and a sealed reference", refs)
	}
	body, ct := multipartBody(t, [][2]string{{"$ACTION_ID_" + refs[1], ""}})
	req := httptest.NewRequest("POST", "/", body)
	req.Header.Set("Content-Type", ct)
	resp, text := do(t, app, req)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d: %s", resp.StatusCode, text)
	}
	if got := <-lastForm; got != "remove 7" {
		t.Errorf("action got %q, want remove 7", got)
	}
}

// formRefs returns the action references of the page's forms, in order.
func formRefs(page string) []string {
	var refs []string
	for _, part := range strings.Split(page, `name="$ACTION_ID_`)[1:] {
		ref, _, _ := strings.Cut(part, `"`)
		refs = append(refs, ref)
	}
	return refs
}

func TestRevalidatingActionReturnsTree(t *testing.T) {
	app := newTestApp(t, "s")
	body, ct := multipartBody(t, [][2]string{{"0", `["$K1"]`}, {"_1_title", "eggs"}})
	req := httptest.NewRequest("POST", "/", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set(protocol.Action, actionID(t, app))
	resp, text := do(t, app, req)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, text)
	}
	if got := <-lastForm; got != "eggs" {
		t.Errorf("action got title %q", got)
	}
	if !strings.Contains(text, `0:{"returnValue":"$undefined","root":["$","html"`) {
		t.Errorf("response has no re-rendered root:\n%s", text)
	}
}

func TestRenderErrorShowsDigestOnly(t *testing.T) {
	app := newTestApp(t, "s")
	resp, body := do(t, app, httptest.NewRequest("GET", "/broken", nil))
	if resp.StatusCode != 500 || !strings.Contains(body, "digest") || strings.Contains(body, "secret detail") {
		t.Errorf("status %d body %q: want 500 with a digest and no detail", resp.StatusCode, body)
	}
}

func TestFlightRequest(t *testing.T) {
	app := newTestApp(t, "s")
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("RSC", "1")
	resp, body := do(t, app, req)
	if resp.Header.Get("Content-Type") != "text/x-component" || !strings.Contains(resp.Header.Get("Vary"), "RSC") {
		t.Errorf("headers %v", resp.Header)
	}
	if !strings.Contains(body, "\n0:[\"$\",\"html\"") {
		t.Errorf("body %q has no root row", body)
	}
	// The HTML answer varies on the same header.
	resp, _ = do(t, app, httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(resp.Header.Get("Vary"), "RSC") {
		t.Errorf("HTML response lacks Vary: RSC")
	}
}

func TestMethodNotAllowed(t *testing.T) {
	app := newTestApp(t, "s")
	resp, _ := do(t, app, httptest.NewRequest("PUT", "/", nil))
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("status %d, want 405", resp.StatusCode)
	}
}

func TestActionShapePanics(t *testing.T) {
	for name, fn := range map[string]any{
		"not a func":     42,
		"no context":     func(s string) error { return nil },
		"bad results":    func(ctx context.Context) (int, int) { return 0, 0 },
		"variadic":       func(ctx context.Context, s ...string) error { return nil },
		"three results":  func(ctx context.Context) (int, int, error) { return 0, 0, nil },
		"error not last": func(ctx context.Context) (error, int) { return nil, 0 },
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.HasPrefix(s, "gorsc: ") {
					t.Errorf("%s: panic %v, want a gorsc: message", name, r)
				}
			}()
			gorsc.Action(fn)
		}()
	}
}
