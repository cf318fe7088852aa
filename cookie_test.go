package gorsc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// setTheme sets the theme cookie from its form; "none" deletes it.
var setTheme = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	theme := form.Get("theme")
	c := &http.Cookie{Name: "theme", Value: theme, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if theme == "none" {
		c = &http.Cookie{Name: "theme", Path: "/", MaxAge: -1}
	}
	return gorsc.SetCookie(ctx, c)
})

func cookieApp(t *testing.T, pageErr *error) *gorsc.App {
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			theme := "unset"
			if c, err := gorsc.RequestFrom(ctx).Cookie("theme"); err == nil {
				theme = c.Value
			}
			*pageErr = gorsc.SetCookie(ctx, &http.Cookie{Name: "x", Value: "y"})
			return html.HTML(html.Body(
				html.P(html.Class("theme"), html.Text("theme: "+theme)),
				html.Form(html.Action(setTheme), html.Input(html.Name("theme")), html.Button(html.Text("Set"))),
			)), nil
		})
	})
	return app
}

// TestSetCookieFromAction: an action's cookie reaches the answer — the
// Flight answer of a call from the browser, with the page re-rendered
// seeing it, and the 303 of a form posted without JavaScript (multipart
// or urlencoded) — a deleted
// cookie is gone from the re-render, and pages cannot set cookies.
func TestSetCookieFromAction(t *testing.T) {
	var pageErr error
	app := cookieApp(t, &pageErr)
	_, page := do(t, app, httptest.NewRequest("GET", "/", nil))
	if pageErr == nil || !strings.Contains(pageErr.Error(), "not in a server action") {
		t.Errorf("SetCookie in a page = %v, want an error saying it is not in an action", pageErr)
	}
	_, rest, ok := strings.Cut(page, `name="$ACTION_ID_`)
	if !ok {
		t.Fatalf("no action form:\n%s", page)
	}
	id, _, _ := strings.Cut(rest, `"`)

	// From the browser's runtime: the form as encodeReply sends it.
	req := formPost(t, "/", [][2]string{{"_1_theme", "dark"}, {"0", `["$K1"]`}})
	req.Header.Set("Gorsc-Action", id)
	req.Header.Set("Cookie", "other=kept; theme=light")
	resp, body := do(t, app, req)
	if resp.StatusCode != 200 {
		t.Fatalf("JS call = %d:\n%s", resp.StatusCode, body)
	}
	if got := resp.Header.Values("Set-Cookie"); len(got) != 1 || got[0] != "theme=dark; Path=/; HttpOnly; SameSite=Lax" {
		t.Errorf("Set-Cookie = %q", got)
	}
	if !strings.Contains(body, "theme: dark") {
		t.Errorf("the re-rendered page does not see the new cookie:\n%s", body)
	}
	if resp.Header.Get("Gorsc-Revalidated-Paths") != "%2F" /* "/", percent-encoded */ {
		t.Errorf("the router is not told to drop its pages: %v", resp.Header)
	}

	// Deleted: the re-render no longer sees it.
	req = formPost(t, "/", [][2]string{{"_1_theme", "none"}, {"0", `["$K1"]`}})
	req.Header.Set("Gorsc-Action", id)
	req.Header.Set("Cookie", "theme=light")
	resp, body = do(t, app, req)
	if got := resp.Header.Get("Set-Cookie"); got != "theme=; Path=/; Max-Age=0" {
		t.Errorf("Set-Cookie of a deletion = %q", got)
	}
	if !strings.Contains(body, "theme: unset") {
		t.Errorf("the re-render still sees the deleted cookie:\n%s", body)
	}

	// Without JavaScript: the 303 carries it.
	resp, _ = do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + id, ""}, {"theme", "sepia"}}))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Set-Cookie") != "theme=sepia; Path=/; HttpOnly; SameSite=Lax" {
		t.Errorf("no-JS post = %d, Set-Cookie %q", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}

	// An HTML form without an enctype posts urlencoded: the same answer.
	req = httptest.NewRequest("POST", "/", strings.NewReader("%24ACTION_ID_"+id+"=&theme=mint"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, _ = do(t, app, req)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Set-Cookie") != "theme=mint; Path=/; HttpOnly; SameSite=Lax" {
		t.Errorf("urlencoded no-JS post = %d, Set-Cookie %q", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}

	// A bad cookie is an error naming it, and nothing is set.
	resp, body = do(t, app, formPost(t, "/", [][2]string{{"$ACTION_ID_" + id, ""}, {"theme", "a;b"}}))
	if resp.Header.Get("Set-Cookie") != "" || resp.StatusCode != 500 {
		t.Errorf("a bad cookie value = %d, Set-Cookie %q", resp.StatusCode, resp.Header.Get("Set-Cookie"))
	}
}
