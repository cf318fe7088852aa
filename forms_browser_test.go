package gorsc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

// Browser tests of forms in real Chromium with React 19.3: the form hooks
// in client components (JavaScript on), and forms of server components
// with JavaScript on and off, for validation errors, sealed bound values,
// redirects, NotFound, Unauthorized and uploads.

type signUpState struct {
	OK string `json:"ok"`
}

// The gates hold an action until the test has seen its pending UI.
var signUpGate = make(chan struct{})
var todoGate = make(chan struct{})

var signUp = gorsc.Action(func(ctx context.Context, prev any, form *gorsc.FormData) (*signUpState, error) {
	select {
	case <-signUpGate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	email := form.Get("email")
	if !strings.Contains(email, "@") {
		return nil, gorsc.ValidationErrors{"email": "Enter an email address."}
	}
	return &signUpState{OK: "Welcome, " + email}, nil
})

type todoItem struct {
	Title string `json:"title"`
}

var todoList = struct {
	sync.Mutex
	items []todoItem
}{items: []todoItem{}}

var addTodo = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	select {
	case <-todoGate:
	case <-ctx.Done():
		return ctx.Err()
	}
	todoList.Lock()
	todoList.items = append(todoList.items, todoItem{form.Get("title")})
	todoList.Unlock()
	gorsc.RevalidatePath(ctx, "/")
	return nil
})

type signUpProps struct {
	SignUp *gorsc.ServerAction `json:"signUp"`
}

type todosProps struct {
	Items []todoItem          `json:"items"`
	Add   *gorsc.ServerAction `json:"add"`
}

// waitUntil polls cond; the deadline only guards against a hang.
func waitUntil(t *testing.T, p *testenv.Page, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// textOf returns the text of sel, or "" when no node matches (the DOM may
// be replaced between a query and a read while a page updates).
func textOf(p *testenv.Page, sel string) string {
	if p.NodeCount(sel) == 0 {
		return ""
	}
	ctx, cancel := context.WithTimeout(p.Ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel), chromedp.AtLeast(0)))
	if err != nil {
		return ""
	}
	return s
}

func valueOf(t *testing.T, p *testenv.Page, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

func location(t *testing.T, p *testenv.Page) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// quietConsole fails the test for console messages other than the
// browser's notes about 4xx answers, which these tests ask for.
func quietConsole(t *testing.T, p *testenv.Page, js bool) {
	t.Helper()
	for _, m := range p.Messages(js) {
		if strings.Contains(m.Text, "the server responded with a status of 4") {
			continue
		}
		t.Errorf("browser logged %s (%s)", m.String(), m.URL)
	}
}

func TestBrowserFormHooks(t *testing.T) {
	testenv.NodeModules(t, "tools/react")
	todoList.Lock()
	todoList.items = []todoItem{}
	todoList.Unlock()
	app := &gorsc.App{Dir: "tools/react/testapp", Secret: []byte("t")}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		todoList.Lock()
		items := append([]todoItem{}, todoList.items...)
		todoList.Unlock()
		return html.HTML(
			html.Head(html.Meta(html.CharSet("utf-8")), html.Link(html.Rel("icon"), html.Href("data:,"))),
			html.Body(
				gorsc.Client("components/Forms.tsx#SignUp", signUpProps{SignUp: signUp}),
				gorsc.Client("components/Forms.tsx#Todos", todosProps{Items: items, Add: addTodo}),
			),
		), nil
	})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	p.Do(chromedp.WaitVisible(chromedp.CSS("form.signup button")))

	// useActionState + useFormStatus: pending while the action runs, then
	// the field error, with the submitted value back in the reset form.
	p.Do(chromedp.SetValue(chromedp.CSS("form.signup input[name=email]"), "nope"))
	p.Do(chromedp.Click(chromedp.CSS("form.signup button")))
	waitUntil(t, p, "the pending state", func() bool {
		return textOf(p, "form.signup button") == "Saving…" && p.NodeCount(`form.signup[data-pending="yes"]`) == 1
	})
	signUpGate <- struct{}{}
	waitUntil(t, p, "the field error", func() bool { return textOf(p, "form.signup .error-email") == "Enter an email address." })
	if v := valueOf(t, p, "form.signup input[name=email]"); v != "nope" {
		t.Errorf("input after the error = %q, want the submitted value", v)
	}
	waitUntil(t, p, "the button to leave its pending state", func() bool { return textOf(p, "form.signup button") == "Sign up" })
	p.Do(chromedp.SetValue(chromedp.CSS("form.signup input[name=email]"), "gopher@example.com"))
	p.Do(chromedp.Click(chromedp.CSS("form.signup button")))
	signUpGate <- struct{}{}
	waitUntil(t, p, "the welcome", func() bool { return textOf(p, "form.signup .ok") == "Welcome, gopher@example.com" })
	if n := p.NodeCount("form.signup .error-email"); n != 0 {
		t.Errorf("the field error stayed after a valid submit")
	}

	// useOptimistic: the item shows at once, marked pending, and stays
	// once the server's re-rendered list arrives.
	p.Do(chromedp.SetValue(chromedp.CSS(".todos input"), "milk"))
	p.Do(chromedp.Click(chromedp.CSS(".todos button")))
	waitUntil(t, p, "the optimistic item", func() bool { return textOf(p, ".todos li.pending") == "milk" })
	if p.NodeCount(".todos li.saved") != 0 {
		t.Errorf("an item was saved before the action ran")
	}
	todoGate <- struct{}{}
	waitUntil(t, p, "the saved item", func() bool {
		return textOf(p, ".todos li.saved") == "milk" && p.NodeCount(".todos li") == 1
	})
	quietConsole(t, p, true)
}

func TestBrowserServerForms(t *testing.T) {
	for _, js := range []bool{true, false} {
		name := "JavaScript off"
		if js {
			name = "JavaScript on"
		}
		t.Run(name, func(t *testing.T) {
			app, _ := newActionsApp(t, "s", "tools/react/testapp")
			srv := httptest.NewServer(app)
			defer srv.Close()
			p := testenv.NewBrowser(t).NewPage(js)
			open := func() {
				// A form post made without JavaScript may still be loading
				// its answer; a navigation it overtakes is aborted: retry.
				for try := 0; ; try++ {
					ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
					_, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"))
					cancel()
					if err == nil {
						break
					}
					if !strings.Contains(err.Error(), "ERR_ABORTED") || try == 10 {
						t.Fatalf("loading the page: %v", err)
					}
				}
				p.Do(chromedp.WaitVisible(chromedp.CSS("form.admin button")))
				if js {
					// Wait for hydration: React has attached its props to the form.
					waitUntil(t, p, "hydration", func() bool {
						return testenv.Eval[bool](p, `Object.keys(document.querySelector("form.signup")).some(k => k.startsWith("__reactProps"))`)
					})
					testenv.Eval[any](p, `window.__sameDocument = true`)
				}
			}
			// With JavaScript the router answers in the same document: no
			// form post reloaded the page.
			sameDocument := func(what string) {
				if js && !testenv.Eval[bool](p, `window.__sameDocument === true`) {
					t.Errorf("%s reloaded the document instead of calling the action from JavaScript", what)
				}
			}

			// A validation error shows on the form with the submitted value.
			open()
			p.Do(chromedp.SetValue(chromedp.CSS("form.signup input[name=email]"), "nope"))
			p.Do(chromedp.Click(chromedp.CSS("form.signup button")))
			waitUntil(t, p, "the field error", func() bool { return textOf(p, "form.signup p.error") == "Enter an email address." })
			if v := valueOf(t, p, "form.signup input[name=email]"); v != "nope" {
				t.Errorf("input after the error = %q, want the submitted value", v)
			}
			sameDocument("the validation error")

			// A sealed bound value reaches the action (MustBind).
			open()
			p.Do(chromedp.Click(chromedp.CSS("form.guarded button")))
			select {
			case owner := <-guardedCalls:
				if owner != "alice" {
					t.Errorf("guarded action got %q", owner)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the bound action never ran")
			}
			sameDocument("the bound action")

			// An upload.
			file := filepath.Join(t.TempDir(), "notes.txt")
			os.WriteFile(file, []byte("uploaded from Chromium"), 0o644)
			open()
			p.Do(chromedp.SetUploadFiles(chromedp.CSS("form.upload input[type=file]"), []string{file}))
			p.Do(chromedp.Click(chromedp.CSS("form.upload button")))
			select {
			case seen := <-uploads:
				if seen.name != "notes.txt" || seen.content != "uploaded from Ch" || seen.size != 22 {
					t.Errorf("upload seen as %+v", seen)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the upload never reached the action")
			}
			sameDocument("the upload")

			// Redirect, NotFound, Unauthorized.
			open()
			p.Do(chromedp.Click(chromedp.CSS("form.redirect button")))
			p.Do(chromedp.WaitVisible(chromedp.CSS("h1.elsewhere")))
			if u := location(t, p); u != srv.URL+"/elsewhere" {
				t.Errorf("after the redirect the browser is at %s", u)
			}
			sameDocument("the redirect")
			open()
			p.Do(chromedp.Click(chromedp.CSS("form.gone button")))
			waitUntil(t, p, "the not-found page", func() bool { return textOf(p, "h1") == "404: This page could not be found." })
			sameDocument("NotFound")
			open()
			p.Do(chromedp.Click(chromedp.CSS("form.admin button")))
			waitUntil(t, p, "the unauthorized page", func() bool { return textOf(p, "h1") == "401: You are not allowed to do this." })
			sameDocument("Unauthorized")
			quietConsole(t, p, js)
		})
	}
}
