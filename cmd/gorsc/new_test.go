package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/typegen"
)

// TestNewAppWorks is what a new user does: gorsc new DIR, then the
// printed commands (npm install, go run .). The app's own Go test passes,
// tsc accepts its TSX, the generated props type is current, the binary
// creates its database on first start and serves the pages; in Chromium
// the client component calls its server action (the count persists in
// SQLite) and the form adds entries with validation, with JavaScript on
// and off. It needs Node and npm (the npm registry); without Node it
// skips, unless CI=true.
func TestNewAppWorks(t *testing.T) {
	if testing.Short() {
		t.Skip("installs npm packages and builds an app")
	}
	testenv.Node(t)
	npm, err := exec.LookPath("npm")
	if err != nil {
		testenv.Node(t) // same rule as Node: required under CI
		t.Skip("npm is missing")
	}
	dir := filepath.Join(t.TempDir(), "My App")
	var out, errs strings.Builder
	if code := run([]string{"new", dir}, &out, &errs); code != 0 {
		t.Fatalf("gorsc new exited %d:\n%s%s", code, out.String(), errs.String())
	}
	for _, want := range []string{"npm install", "go run .", "go tool gorsc dev", "the local checkout " + repoRoot()} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("gorsc new's output lacks %q:\n%s", want, out.String())
		}
	}
	if code := run([]string{"new", dir}, &out, &errs); code == 0 {
		t.Error("gorsc new wrote into a non-empty directory")
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, b)
	}

	goCmd(t, dir, "test", "./...")
	if out, ok := runTSC(t, dir); !ok {
		t.Errorf("tsc --noEmit in the new app:\n%s", out)
	}
	r, err := typegen.Generate(typegen.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	have, _ := os.ReadFile(filepath.Join(dir, "components/Counter.props.ts"))
	if got := r.Files["components/Counter.props.ts"]; !bytes.Equal(have, got) {
		t.Errorf("the scaffold's Counter.props.ts is not what gorsc types writes:\n%s", got)
	}

	bin := filepath.Join(t.TempDir(), "app")
	goCmd(t, dir, "build", "-o", bin, ".")
	if _, err := os.Stat(filepath.Join(dir, "app.db")); err == nil {
		t.Fatal("app.db exists before the first start")
	}
	base := startBinary(t, dir, bin)
	if _, err := os.Stat(filepath.Join(dir, "app.db")); err != nil {
		t.Fatalf("the first start created no database: %v", err)
	}
	if code, body := get(t, base+"/about"); code != 200 || !strings.Contains(body, "<h1>About</h1>") {
		t.Fatalf("GET /about = %d\n%s", code, body)
	}
	_, home := get(t, base+"/")
	sheet := regexp.MustCompile(`<link rel="stylesheet" href="(/_gorsc/[^"]+\.css)"`).FindStringSubmatch(home)
	if sheet == nil {
		t.Fatalf("the page links no bundled stylesheet:\n%s", home)
	}
	if code, css := get(t, base+sheet[1]); code != 200 || !strings.Contains(css, "font-family") {
		t.Fatalf("GET %s = %d", sheet[1], code)
	}
	if code, icon := get(t, base+"/favicon.svg"); code != 200 || !strings.Contains(icon, "<svg") {
		t.Fatalf("GET /favicon.svg = %d", code)
	}

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("button.counter") })
	p.Do(chromedp.Click(chromedp.CSS("button.counter")))
	testenv.WaitFor(t, "the counter", func() bool { return p.JSText("button.counter") == "Clicked 1 times" })
	testenv.WaitFor(t, "the action", func() bool { return testenv.Read[bool](p, `!document.querySelector("button.counter[aria-busy=true]")`) })
	// Validation with JavaScript: the errors show, nothing is added.
	p.Do(chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the errors", func() bool { return strings.Contains(p.JSText("form.add"), "Tell us your name.") })
	p.Do(chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "Ada"), chromedp.SendKeys(chromedp.CSS(`textarea[name="message"]`), "Hi from Chromium"))
	p.Do(chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the new entry", func() bool { return strings.Contains(p.JSText("ul.entries"), "Ada: Hi from Chromium") })
	p.Do(chromedp.Reload())
	testenv.WaitFor(t, "the count after a reload", func() bool { return p.JSText("button.counter") == "Clicked 1 times" })
	p.ExpectNoMessages(true)

	// Without JavaScript: a plain form post, 422 with the errors, then 303.
	nojs := b.NewPage(false)
	nojs.Do(chromedp.Navigate(base + "/"))
	nojs.Do(chromedp.SendKeys(chromedp.CSS(`textarea[name="message"]`), "no name"), chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the no-JS errors", func() bool { return strings.Contains(textOf(nojs, "form.add"), "Tell us your name.") })
	if v := textOf(nojs, `textarea[name="message"]`); v != "no name" {
		t.Errorf("the submitted message was not kept: %q", v)
	}
	nojs.Do(chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "Grace"), chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the no-JS entry", func() bool { return strings.Contains(textOf(nojs, "ul.entries"), "Grace: no name") })

}

func runTSC(t *testing.T, dir string) (string, bool) {
	cmd := exec.Command(testenv.Node(t), filepath.Join(dir, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", dir)
	b, err := cmd.CombinedOutput()
	return string(b), err == nil
}
