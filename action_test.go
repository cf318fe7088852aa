package gorsc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
)

// Actions of the tests below. Each reports its calls on a channel or a
// counter so a test can tell whether it ran.

var sealedEcho = gorsc.Action(func(ctx context.Context, secret string, n int) (string, error) {
	return fmt.Sprintf("%s/%d", secret, n), nil
})

var otherEcho = gorsc.Action(func(ctx context.Context, secret string, n int) (string, error) {
	return "other " + secret, nil
})

var guardedCalls = make(chan string, 10)

var guarded = gorsc.Action(func(ctx context.Context, owner string, form *gorsc.FormData) error {
	guardedCalls <- owner
	return nil
}, gorsc.MustBind(1))

var signUpPlain = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	if !strings.Contains(form.Get("email"), "@") {
		return gorsc.ValidationErrors{"email": "Enter an email address."}
	}
	return nil
})

var goAway = gorsc.Action(func(ctx context.Context) error { return gorsc.Redirect("/elsewhere") })
var gone = gorsc.Action(func(ctx context.Context) error { return gorsc.NotFound() })
var adminOnly = gorsc.Action(func(ctx context.Context) error { return gorsc.Unauthorized() })

var countedCalls atomic.Int64
var counted = gorsc.Action(func(ctx context.Context) error { countedCalls.Add(1); return nil })

// newActionsApp serves a page with forms for the actions above. With dir
// set (browser tests), it bundles that directory's client code.
func newActionsApp(t *testing.T, secret string, dir ...string) (*gorsc.App, *syncBuffer) {
	t.Helper()
	return newApp(t, func(app *gorsc.App) {
		app.Secret = []byte(secret)
		if len(dir) > 0 {
			app.Dir = dir[0]
		}
		addActionsPages(app)
	})
}

func addActionsPages(app *gorsc.App) {
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		st := gorsc.FormStateFor(ctx, signUpPlain)
		return html.HTML(
			html.Head(html.Meta(html.CharSet("utf-8")), html.Link(html.Rel("icon"), html.Href("data:,"))),
			html.Body(
				html.H1(html.Text("Actions")),
				html.Form(html.Class("echo"), html.Action(sealedEcho.Bind("bound-secret-xyz")), html.Button(html.Text("Echo"))),
				html.Form(html.Class("other"), html.Action(otherEcho), html.Button(html.Text("Other"))),
				html.Form(html.Class("guarded"), html.Action(guarded.Bind("alice")), html.Button(html.Text("Guarded"))),
				html.Form(html.Class("signup"), html.Action(signUpPlain),
					html.Input(html.Name("email"), html.DefaultValue(st.Value("email"))),
					html.P(html.Class("error"), html.Text(st.Error("email"))),
					html.Button(html.Type("submit"), html.Text("Sign up"))),
				html.Form(html.Class("redirect"), html.Action(goAway), html.Button(html.Text("Go away"))),
				html.Form(html.Class("gone"), html.Action(gone), html.Button(html.Text("Gone"))),
				html.Form(html.Class("admin"), html.Action(adminOnly), html.Button(html.Text("Admin"))),
				html.Form(html.Class("counted"), html.Action(counted), html.Button(html.Text("Count"))),
				html.Form(html.Class("upload"), html.Action(upload),
					html.Input(html.Type("file"), html.Name("doc")),
					html.Button(html.Type("submit"), html.Text("Upload"))),
			),
		), nil
	})
	app.Page("/elsewhere", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(
			html.Head(html.Meta(html.CharSet("utf-8")), html.Link(html.Rel("icon"), html.Href("data:,"))),
			html.Body(html.H1(html.Class("elsewhere"), html.Text("Elsewhere"))),
		), nil
	})
}

// refsByClass maps each form's class to the action reference it posts.
func refsByClass(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, part := range strings.Split(page, `<form class="`)[1:] {
		class, rest, _ := strings.Cut(part, `"`)
		_, after, ok := strings.Cut(rest, `name="$ACTION_ID_`)
		if !ok {
			t.Fatalf("form %s has no $ACTION_ID_ field", class)
		}
		ref, _, _ := strings.Cut(after, `"`)
		out[class] = ref
	}
	return out
}

func pageRefs(t *testing.T, app *gorsc.App) map[string]string {
	t.Helper()
	_, page := do(t, app, httptest.NewRequest("GET", "/", nil))
	return refsByClass(t, page)
}

func formPost(t *testing.T, target string, fields [][2]string) *http.Request {
	t.Helper()
	body, ct := multipartBody(t, fields)
	req := httptest.NewRequest("POST", target, body)
	req.Header.Set("Content-Type", ct)
	return req
}

// sealedCall calls a bound reference the way the browser runtime does:
// the action id in the header, the seal as the first argument.
func sealedCall(ref, args string) *http.Request {
	id, seal, _ := strings.Cut(ref, ".")
	req := jsCall(id, `["`+seal+`",`+strings.TrimPrefix(args, "["))
	req.Header.Set(protocol.Sealed, "1")
	return req
}

func TestBoundArgsAreSealed(t *testing.T) {
	app, logs := newActionsApp(t, "s")
	_, page := do(t, app, httptest.NewRequest("GET", "/", nil))
	flightReq := httptest.NewRequest("GET", "/", nil)
	flightReq.Header.Set("RSC", "1")
	_, flightBody := do(t, app, flightReq)
	for what, text := range map[string]string{"HTML": page, "Flight": flightBody} {
		if strings.Contains(text, "bound-secret-xyz") || strings.Contains(text, "alice") {
			t.Errorf("%s shows a bound value in clear", what)
		}
	}
	refs := refsByClass(t, page)
	ref := refs["echo"]
	id, seal, ok := strings.Cut(ref, ".")
	if !ok || len(id) != 40 || seal == "" {
		t.Fatalf("bound reference %q is not <action id>.<seal>", ref)
	}
	if !strings.Contains(flightBody, `{"id":"`+ref+`","bound":null}`) {
		t.Errorf("Flight payload does not carry the same sealed reference %s", ref)
	}
	if again := pageRefs(t, app)["echo"]; again != ref {
		t.Errorf("sealing is not deterministic: %s, then %s", ref, again)
	}

	// The browser runtime's call, and a call naming the whole reference.
	for name, req := range map[string]*http.Request{"seal in body": sealedCall(ref, `[5]`), "seal in header": jsCall(ref, `[5]`)} {
		resp, body := do(t, app, req)
		if want := `0:{"returnValue":"bound-secret-xyz/5"}` + "\n"; resp.StatusCode != 200 || body != want {
			t.Errorf("%s: status %d body %q, want %q", name, resp.StatusCode, body, want)
		}
	}

	// A changed seal, a seal replayed to another action, a seal made
	// under another secret: 400, digest only, the reason in the log.
	flip := []byte(seal)
	flip[len(flip)/2] ^= 1
	otherApp, _ := newActionsApp(t, "another secret")
	otherID, _, _ := strings.Cut(refs["other"], ".")
	for name, req := range map[string]*http.Request{
		"changed seal":   sealedCall(id+"."+string(flip), `[5]`),
		"other action":   sealedCall(otherID+"."+seal, `[5]`),
		"other secret":   sealedCall(id+"."+sealOf(pageRefs(t, otherApp)["echo"]), `[5]`),
		"not base64":     sealedCall(id+".%%%", `[5]`),
		"seal not first": func() *http.Request { r := jsCall(id, `[5]`); r.Header.Set(protocol.Sealed, "1"); return r }(),
	} {
		resp, body := do(t, app, req)
		if resp.StatusCode != 400 || !strings.HasPrefix(body, `0:E{"digest":"`) || strings.Contains(body, "verify") {
			t.Errorf("%s: status %d body %q, want 400 with a digest-only error row", name, resp.StatusCode, body)
		}
	}
	if n := strings.Count(logs.String(), "sealed bound arguments do not verify"); n != 4 {
		t.Errorf("log names the bad seal %d times, want 4:\n%s", n, logs)
	}

	// Without JavaScript: the form posts the reference; a changed one is refused.
	guardedRef := refs["guarded"]
	resp, _ := do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + guardedRef, ""}}))
	if resp.StatusCode != http.StatusSeeOther || <-guardedCalls != "alice" {
		t.Errorf("no-JS bound post: status %d, want 303 and the bound value", resp.StatusCode)
	}
	gid, gseal, _ := strings.Cut(guardedRef, ".")
	gflip := []byte(gseal)
	gflip[0] ^= 1
	resp, body := do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + gid + "." + string(gflip), ""}}))
	if resp.StatusCode != 400 || !strings.Contains(body, "digest") {
		t.Errorf("no-JS changed seal: status %d body %q, want 400 with a digest", resp.StatusCode, body)
	}
}

func sealOf(ref string) string {
	_, seal, _ := strings.Cut(ref, ".")
	return seal
}

func TestMustBindRefusesPlainCalls(t *testing.T) {
	app, logs := newActionsApp(t, "s")
	ref := pageRefs(t, app)["guarded"]
	id, _, _ := strings.Cut(ref, ".")

	// By the plain id, the browser would choose the owner: refused, not called.
	resp, _ := do(t, app, jsCall(id, `["mallory","$K1"]`))
	if resp.StatusCode != 400 {
		t.Errorf("plain JS call: status %d, want 400", resp.StatusCode)
	}
	resp, _ = do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + id, ""}}))
	if resp.StatusCode != 400 {
		t.Errorf("plain form post: status %d, want 400", resp.StatusCode)
	}
	// A $ACTION_REF_ reply carries bound values in clear: they count as
	// the browser's, not as sealed ones.
	resp, _ = do(t, app, formPost(t, "/", [][2]string{
		{"$ACTION_REF_1", ""}, {"$ACTION_1:0", `{"id":"` + id + `","bound":"$@1"}`}, {"$ACTION_1:1", `["mallory"]`},
	}))
	if resp.StatusCode != 400 {
		t.Errorf("$ACTION_REF_ with clear bound values: status %d, want 400", resp.StatusCode)
	}
	select {
	case owner := <-guardedCalls:
		t.Fatalf("the action ran for %q", owner)
	default:
	}
	if n := strings.Count(logs.String(), "from Bind only (MustBind)"); n != 3 {
		t.Errorf("log explains MustBind %d times, want 3:\n%s", n, logs)
	}

	// Through the sealed reference it runs, with the sealed owner.
	body, ct := multipartBody(t, [][2]string{{"0", `["$K1"]`}})
	id2, seal, _ := strings.Cut(ref, ".")
	req := httptest.NewRequest("POST", "/", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set(protocol.Action, id2+"."+seal)
	resp, text := do(t, app, req)
	if resp.StatusCode != 200 || <-guardedCalls != "alice" {
		t.Errorf("sealed call: status %d %s", resp.StatusCode, text)
	}
}

func TestValidationErrors(t *testing.T) {
	app, logs := newActionsApp(t, "s")
	id := pageRefs(t, app)["signup"]

	// Without JavaScript: 422 and the page again, with the error and the value.
	resp, page := do(t, app, formPost(t, "/?step=2", [][2]string{{"$ACTION_ID_" + id, ""}, {"email", "nope"}}))
	if resp.StatusCode != http.StatusUnprocessableEntity || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("status %d %s, want 422 HTML", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`<p class="error">Enter an email address.</p>`, `name="email" value="nope"`} {
		if !strings.Contains(page, want) {
			t.Errorf("re-rendered page lacks %s:\n%s", want, page)
		}
	}
	// Valid: 303 back to the page, which shows no error.
	resp, _ = do(t, app, formPost(t, "/?step=2", [][2]string{{"$ACTION_ID_" + id, ""}, {"email", "a@b.c"}}))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/?step=2" {
		t.Errorf("valid post: status %d location %q, want 303 to /?step=2", resp.StatusCode, resp.Header.Get("Location"))
	}

	// With JavaScript: the call resolves with the errors and the values,
	// and the page rendered again with them.
	body, ct := multipartBody(t, [][2]string{{"0", `["$K1"]`}, {"_1_email", "nope"}})
	req := httptest.NewRequest("POST", "/", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set(protocol.Action, id)
	resp, text := do(t, app, req)
	if resp.StatusCode != 200 {
		t.Fatalf("JS call: status %d: %s", resp.StatusCode, text)
	}
	for _, want := range []string{`"returnValue":{"errors":{"email":"Enter an email address."},"values":{"email":"nope"}}`, `"root":["$","html"`, `"children":"Enter an email address."`} {
		if !strings.Contains(text, want) {
			t.Errorf("JS answer lacks %s:\n%s", want, text)
		}
	}
	if strings.Contains(logs.String(), "action failed") {
		t.Errorf("validation errors were logged as failures:\n%s", logs)
	}
}

func TestNavigationErrorsFromActions(t *testing.T) {
	app, _ := newActionsApp(t, "s")
	refs := pageRefs(t, app)
	for _, c := range []struct {
		form, location, text string
		noJS, js             int
	}{
		{"redirect", "/elsewhere", "", http.StatusSeeOther, http.StatusNoContent},
		{"gone", "", "404: This page could not be found.", http.StatusNotFound, http.StatusNotFound},
		{"admin", "", "401: You are not allowed to do this.", http.StatusUnauthorized, http.StatusUnauthorized},
	} {
		resp, body := do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + refs[c.form], ""}}))
		if resp.StatusCode != c.noJS || resp.Header.Get("Location") != c.location || !strings.Contains(body, c.text) {
			t.Errorf("%s without JS: status %d location %q body %q; want %d %q %q", c.form, resp.StatusCode, resp.Header.Get("Location"), body, c.noJS, c.location, c.text)
		}
		resp, body = do(t, app, jsCall(refs[c.form], `[]`))
		if resp.StatusCode != c.js || resp.Header.Get(protocol.Redirect) != c.location || !strings.Contains(body, c.text) {
			t.Errorf("%s with JS: status %d redirect %q body %q; want %d %q %q", c.form, resp.StatusCode, resp.Header.Get(protocol.Redirect), body, c.js, c.location, c.text)
		}
		if c.js != http.StatusNoContent && !strings.Contains(body, `0:{"returnValue":"$undefined","root":`) {
			t.Errorf("%s with JS: answer has no page for the router to show: %q", c.form, body)
		}
	}
}

func TestActionsArePostOnly(t *testing.T) {
	app, _ := newActionsApp(t, "s")
	id := pageRefs(t, app)["counted"]
	before := countedCalls.Load()
	get := httptest.NewRequest("GET", "/?$ACTION_ID_"+id+"=", nil)
	get.Header.Set(protocol.Action, id)
	if resp, _ := do(t, app, get); resp.StatusCode != 200 {
		t.Errorf("GET with an action header: status %d, want the page", resp.StatusCode)
	}
	for _, m := range []string{"PUT", "PATCH", "DELETE"} {
		req := jsCall(id, `[]`)
		req.Method = m
		if resp, _ := do(t, app, req); resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, resp.StatusCode)
		}
	}
	if n := countedCalls.Load() - before; n != 0 {
		t.Fatalf("the action ran %d times without a POST", n)
	}
	do(t, app, jsCall(id, `[]`))
	if n := countedCalls.Load() - before; n != 1 {
		t.Fatalf("the action ran %d times for one POST", n)
	}
}

func TestFormPostErrorsAreDigestsOnly(t *testing.T) {
	logs := &syncBuffer{}
	app := newTestApp(t, "s", func(app *gorsc.App) { app.Logger = slog.New(slog.NewTextHandler(logs, nil)) })
	app2, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Body(html.Form(html.Action(failing)))), nil
		})
	})
	resp, body := do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + actionID(t, app2), ""}}))
	digest, ok := strings.CutPrefix(strings.TrimSpace(body), "Internal Server Error (digest ")
	digest = strings.TrimSuffix(digest, ")")
	if resp.StatusCode != 500 || !ok || strings.Contains(body, "hunter2") {
		t.Fatalf("status %d body %q: want 500 with a digest only", resp.StatusCode, body)
	}
	if log := logs.String(); !strings.Contains(log, "digest="+digest) || !strings.Contains(log, "hunter2") {
		t.Errorf("the log lacks the digest %s with the detail:\n%s", digest, log)
	}
}

// Two calls that each wait until both have started: they finish only if
// the server runs them at the same time.
var barrier struct {
	mu      sync.Mutex
	arrived int
	all     chan struct{}
}

var meet = gorsc.Action(func(ctx context.Context, name string) (string, error) {
	barrier.mu.Lock()
	barrier.arrived++
	all := barrier.all
	if barrier.arrived == 2 {
		close(all)
	}
	barrier.mu.Unlock()
	select {
	case <-all:
		return "met " + name, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
})

var cancelStarted = make(chan struct{}, 1)
var cancelSeen = make(chan error, 1)
var cancelGiveUp = make(chan struct{}) // replaced per test; closed when the test ends

var waitForCancel = gorsc.Action(func(ctx context.Context) error {
	giveUp := cancelGiveUp
	cancelStarted <- struct{}{}
	select {
	case <-ctx.Done():
		cancelSeen <- ctx.Err()
		return ctx.Err()
	case <-giveUp: // the test failed; let the server shut down
		return nil
	}
})

// serveActions serves an app whose page carries forms for the given
// actions (so their ids can be read) on a real HTTP server.
func serveActions(t *testing.T, actions ...*gorsc.ServerAction) (*httptest.Server, []string) {
	t.Helper()
	return serveActionsLimit(t, 0, actions...)
}

func post(ctx context.Context, url, id, body string) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set(protocol.Action, id)
	return http.DefaultClient.Do(req)
}

func TestActionsRunConcurrently(t *testing.T) {
	barrier.mu.Lock()
	barrier.arrived, barrier.all = 0, make(chan struct{})
	barrier.mu.Unlock()
	srv, ids := serveActions(t, meet)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // a deadlock guard, not a measurement
	defer cancel()
	answers := make(chan string, 2)
	for _, name := range []string{"a", "b"} {
		go func() {
			resp, err := post(ctx, srv.URL+"/", ids[0], `["`+name+`"]`)
			if err != nil {
				answers <- err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			answers <- string(b)
		}()
	}
	got := []string{<-answers, <-answers}
	for _, name := range []string{"a", "b"} {
		want := `0:{"returnValue":"met ` + name + `"}` + "\n"
		if got[0] != want && got[1] != want {
			t.Errorf("answers %q lack %q: the calls did not run at the same time", got, want)
		}
	}
}

func TestClientDisconnectCancelsAction(t *testing.T) {
	cancelGiveUp = make(chan struct{})
	srv, ids := serveActions(t, waitForCancel)
	t.Cleanup(func() { close(cancelGiveUp) }) // runs before the server closes
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := post(ctx, srv.URL+"/", ids[0], `[]`)
		done <- err
	}()
	guard := time.After(20 * time.Second) // a deadlock guard, not a measurement
	select {
	case <-cancelStarted:
	case <-guard:
		t.Fatal("the action never started")
	}
	cancel() // the client goes away
	select {
	case err := <-cancelSeen:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("action context ended with %v, want context.Canceled", err)
		}
	case <-guard:
		t.Fatal("the action's context was not cancelled when the client disconnected")
	}
	<-done
}

type uploadSeen struct {
	name    string
	size    int64
	content string
	onDisk  []string // temporary upload files while the action ran
}

var uploads = make(chan uploadSeen, 4)

func tempUploads() []string {
	m, _ := filepath.Glob(filepath.Join(os.TempDir(), "gorsc-upload-*"))
	return m
}

var upload = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	f := form.File("doc")
	if f == nil {
		return gorsc.ValidationErrors{"doc": "Choose a file."}
	}
	data, err := f.Bytes()
	if err != nil {
		return err
	}
	uploads <- uploadSeen{f.Filename, f.Size(), string(data[:min(len(data), 16)]), tempUploads()}
	return nil
})

var uploadArg = gorsc.Action(func(ctx context.Context, label string, f *gorsc.File) (string, error) {
	r, err := f.Open()
	if err != nil {
		return "", err
	}
	defer r.Close()
	data, _ := io.ReadAll(r)
	return fmt.Sprintf("%s: %s %s %d %s", label, f.Filename, f.ContentType, f.Size(), data), nil
})

func TestUploads(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	srv, ids := serveActions(t, upload, uploadArg)

	// A form file larger than what is kept in memory goes to a temporary
	// file, removed when the request is done.
	big := bytes.Repeat([]byte("0123456789abcdef"), 2<<20/16+1)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("$ACTION_ID_"+ids[0], "")
	fw, _ := w.CreateFormFile("doc", "big.bin")
	fw.Write(big)
	w.Close()
	resp, err := http.Post(srv.URL+"/", w.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The default limit is 1 MB.
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MB upload under the default limit: status %d, want 413", resp.StatusCode)
	}

	srv2, ids2 := serveActionsLimit(t, 8<<20, upload, uploadArg)
	buf.Reset()
	w = multipart.NewWriter(&buf)
	w.WriteField("$ACTION_ID_"+ids2[0], "")
	fw, _ = w.CreateFormFile("doc", "big.bin")
	fw.Write(big)
	w.Close()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noFollow.Post(srv2.URL+"/", w.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: status %d, want 303", resp.StatusCode)
	}
	seen := <-uploads
	if seen.name != "big.bin" || seen.size != int64(len(big)) || seen.content != "0123456789abcdef" {
		t.Errorf("action saw %+v", seen)
	}
	if len(seen.onDisk) != 1 {
		t.Errorf("temporary files while the action ran: %q, want the one upload", seen.onDisk)
	}
	if left := tempUploads(); len(left) != 0 {
		t.Errorf("temporary files left after the request: %q", left)
	}

	// A File argument of a call with JavaScript ("$B" part).
	buf.Reset()
	w = multipart.NewWriter(&buf)
	w.WriteField("0", `["note","$B1"]`)
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{`form-data; name="1"; filename="a.txt"`}
	h["Content-Type"] = []string{"text/plain"}
	pw, _ := w.CreatePart(h)
	pw.Write([]byte("hello"))
	w.Close()
	req, _ := http.NewRequest("POST", srv.URL+"/", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set(protocol.Action, ids[1])
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `0:{"returnValue":"note: a.txt text/plain 5 hello"}` + "\n"; string(body) != want {
		t.Errorf("File argument: %q, want %q", body, want)
	}
}

// serveActionsLimit is serveActions with App.MaxActionBytes set to limit.
func serveActionsLimit(t *testing.T, limit int64, actions ...*gorsc.ServerAction) (*httptest.Server, []string) {
	t.Helper()
	app, _ := newApp(t, func(app *gorsc.App) {
		app.MaxActionBytes = limit
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			var forms []gorsc.Node
			for _, a := range actions {
				forms = append(forms, html.Form(html.Action(a)))
			}
			return html.HTML(html.Body(forms...)), nil
		})
	})
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return srv, formRefs(string(page))
}
