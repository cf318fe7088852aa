package bundle

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

// cssApp writes an app with CSS into a temporary directory whose
// node_modules is examples/notes's (React, and Tailwind CSS).
func cssApp(t *testing.T, files map[string]string) string {
	t.Helper()
	nm := filepath.Join(testenv.NodeModules(t, "examples/notes"), "node_modules")
	dir := t.TempDir()
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFindStylesheets(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.css", "styles/b.module.css", "node_modules/x/c.css", ".hidden/d.css", "public/e.css", "dist/f.css", "dist/" + ManifestFile, "g.scss", "styles/.h.css"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	got, err := FindStylesheets(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.css", "styles/b.module.css"}; !reflect.DeepEqual(got, want) {
		t.Errorf("FindStylesheets = %v, want %v", got, want)
	}
}

func TestClassMap(t *testing.T) {
	chunk := `var e=()=>{},t={base:"f"},r={other:"g"};export{r as b,t as a};`
	for _, c := range []struct {
		js   string
		want map[string]string
		err  bool
	}{
		{`var t={title:"a",body:"b c","my-box":"d"};export{t as default};`, map[string]string{"title": "a", "body": "b c", "my-box": "d"}, false},
		{"// components/a{b}/card.module.css\nvar card_default = {\n  title: \"card_title\",\n  'x\\u00e9': \"card_x\\xE9\",\n  \"\\u{1F600}\": \"card_\\uD83D\\uDE00\"\n};\nexport {\n  card_default as default\n};\n",
			map[string]string{"title": "card_title", "xé": "card_xé", "😀": "card_😀"}, false},
		{`var t={};export{t as default};`, map[string]string{}, false},
		{"export default {a: \"b\"};", map[string]string{"a": "b"}, false},
		{`var q={x:"y"},e={base:"g"};export{e as default};`, map[string]string{"base": "g"}, false},
		// Through a chunk, as when a composes-from shares the module.
		{`import{a as e}from"/_gorsc/chunk-X.js";export{e as default};`, map[string]string{"base": "f"}, false},
		{`import{b as e,a as q}from"/_gorsc/chunk-X.js";export{e as default};`, map[string]string{"other": "g"}, false},
		{`import{c as e}from"/_gorsc/chunk-X.js";export{e as default};`, nil, true},
		{`var t={title:a};export{t as default};`, nil, true},
		{`var t={title:"a"`, nil, true},
		{`nothing`, nil, true},
	} {
		got, err := classMap(map[string][]byte{"e.js": []byte(c.js), "chunk-X.js": []byte(chunk)}, "e.js")
		if (err != nil) != c.err || (!c.err && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("classMap(%q) = %v, %v; want %v (error %v)", c.js, got, err, c.want, c.err)
		}
	}
}

func TestBuildCSS(t *testing.T) {
	for _, dev := range []bool{false, true} {
		dir := cssApp(t, map[string]string{
			"components/Card.tsx": `"use client";
import "./card.css";
import s from "./card.module.css";
export function Card() { return <div className={s.title + " " + s.body}>card</div>; }`,
			"components/Plain.tsx":         `"use client"; export default function Plain() { return null; }`,
			"components/card.css":          `.card-global { z-index: 701; }`,
			"components/card.module.css":   ".title { z-index: 702; }\n.body { composes: base from \"./base.module.css\"; z-index: 703; }\n.my-box { background: url(./dot.png); }",
			"components/base.module.css":   `.base { padding: 3px; }`,
			"components/dot.png":           "\x89PNG\r\n\x1a\n",
			"styles/global.css":            `body { margin: 7px; }`,
			"styles/empty.css":             `/* nothing */`,
			"node_modules/ignored/x.css":   `x { }`,
			"components/server.module.css": `.wrap { display: grid; } .a-b { color: red; }`,
		})
		res, err := Build(Options{Dir: dir, Development: dev})
		if err != nil {
			t.Fatal(err)
		}
		card := res.Modules["components/Card.tsx"]
		if len(card.CSS) != 1 || !regexp.MustCompile(`^/_gorsc/Card-[A-Z0-9]{8}\.css$`).MatchString(card.CSS[0]) {
			t.Fatalf("Card's CSS = %v", card.CSS)
		}
		css := string(res.Files[card.CSS[0]])
		squeezed := strings.Join(strings.Fields(css), "")
		for _, want := range []string{".card-global{z-index:701", "z-index:702", "padding:3px", "/_gorsc/dot-"} {
			if !strings.Contains(squeezed, want) {
				t.Errorf("dev=%v: Card's stylesheet lacks %s:\n%s", dev, want, css)
			}
		}
		if plain := res.Modules["components/Plain.tsx"]; len(plain.CSS) != 0 {
			t.Errorf("Plain imports no CSS but has %v", plain.CSS)
		}

		var names []string
		for name := range res.Stylesheets {
			names = append(names, name)
		}
		for _, want := range []string{"components/card.css", "components/card.module.css", "components/base.module.css", "styles/global.css", "styles/empty.css", "components/server.module.css"} {
			if _, ok := res.Stylesheets[want]; !ok {
				t.Errorf("no server stylesheet %s (have %v)", want, names)
			}
		}
		global := res.Stylesheets["styles/global.css"]
		if global.Classes != nil || !strings.HasPrefix(global.URL, "/_gorsc/global-") || !strings.Contains(string(res.Files[global.URL]), "7px") {
			t.Errorf("styles/global.css = %+v: %q", global, res.Files[global.URL])
		}
		// The scoped names of a server CSS Module are the ones its
		// stylesheet uses; composes adds the base class.
		mod := res.Stylesheets["components/card.module.css"]
		modCSS := string(res.Files[mod.URL])
		if len(mod.Classes) != 3 || modCSS == "" {
			t.Fatalf("components/card.module.css = %+v", mod)
		}
		for class, scoped := range mod.Classes {
			for _, name := range strings.Fields(scoped) {
				if !regexp.MustCompile(`\.` + regexp.QuoteMeta(name) + `[^-_a-zA-Z0-9]`).MatchString(modCSS) {
					t.Errorf("class %s → %q: its stylesheet has no .%s:\n%s", class, scoped, name, modCSS)
				}
			}
		}
		if len(strings.Fields(mod.Classes["body"])) != 2 {
			t.Errorf("composes: body → %q, want two names", mod.Classes["body"])
		}
		// The client component's stylesheet uses the same scoped names,
		// and its code the same map.
		if !regexp.MustCompile(`\.` + regexp.QuoteMeta(mod.Classes["title"]) + `\s*\{\s*z-index:\s*702`).MatchString(css) {
			t.Errorf("the client's stylesheet does not style %q, the server's name of card.module.css's title:\n%s", mod.Classes["title"], css)
		}
		if js := string(res.Files[card.URL]); !strings.Contains(js, strconv.Quote(mod.Classes["title"])) {
			t.Errorf("the client's code lacks the scoped name %q:\n%s", mod.Classes["title"], js)
		}
		// The server modules' JS entries are not served.
		for url := range res.Files {
			if strings.HasPrefix(baseName(url), "card.module-") && strings.HasSuffix(url, ".js") {
				t.Errorf("the JS entry %s of a server CSS Module is served", url)
			}
		}
		// One set of names for the build: the base module's own
		// stylesheet and the name card's body composes agree.
		if base := res.Stylesheets["components/base.module.css"].Classes["base"]; base == "" || !strings.Contains(" "+mod.Classes["body"]+" ", " "+base+" ") {
			t.Errorf("base.module.css's base is %q, but card's body composes %q", base, mod.Classes["body"])
		}
		// No two classes of the app's CSS Modules share a scoped name.
		owner := map[string]string{}
		for name, st := range res.Stylesheets {
			for class, scoped := range st.Classes {
				own := strings.Fields(scoped)[len(strings.Fields(scoped))-1] // after what it composes
				if o, ok := owner[own]; ok {
					t.Errorf("dev=%v: %s's %s and %s share the scoped name %q", dev, name, class, o, own)
				}
				owner[own] = name + " " + class
			}
		}
		if dev && mod.Classes["title"] != "card_title" {
			t.Errorf("development: title → %q, want esbuild's readable card_title", mod.Classes["title"])
		}
	}
}

func baseName(url string) string { return url[strings.LastIndexByte(url, '/')+1:] }

func TestBuildCSSError(t *testing.T) {
	dir := cssApp(t, map[string]string{
		"components/A.tsx":      `"use client"; import "./a.css"; export default function A() { return null; }`,
		"components/a.css":      "a {\n  color: red;\n",
		"styles/bad.module.css": ".x { composes: y from \"./missing.css\"; }",
	})
	_, err := Build(Options{Dir: dir})
	be, ok := err.(*Error)
	if !ok {
		t.Fatalf("Build = %v, want a build error", err)
	}
	msg := be.Error()
	if !strings.Contains(msg, "styles/bad.module.css:1:") || strings.Contains(msg, "gorsc-css") {
		t.Errorf("the error does not name the server CSS Module by its path:\n%s", msg)
	}
}

func TestBuildTailwind(t *testing.T) {
	testenv.Node(t)
	dir := cssApp(t, map[string]string{
		"styles/tw.css": "/* Tailwind, with the Go files as sources */\n@import \"tailwindcss\";\n@source \"../**/*.go\";\n",
		"page.go":       "package app\n\nvar class = \"text-[#0a0b0c] mt-[17px]\"\n",
		"components/T.tsx": `"use client";
import "../styles/tw.css";
export default function T() { return <p className="p-[13px]">t</p>; }`,
	})
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	server := string(res.Files[res.Stylesheets["styles/tw.css"].URL])
	client := string(res.Files[res.Modules["components/T.tsx"].CSS[0]])
	for name, css := range map[string]string{"server": server, "client": client} {
		for _, want := range []string{`.text-\[\#0a0b0c\]{color:#0a0b0c}`, `.mt-\[17px\]{margin-top:17px}`, `.p-\[13px\]{padding:13px}`} {
			if !strings.Contains(css, want) {
				t.Errorf("the %s stylesheet lacks %s (%d bytes)", name, want, len(css))
			}
		}
		if strings.Contains(css, "@import") || strings.Contains(css, "@tailwind") {
			t.Errorf("the %s stylesheet still has Tailwind's directives", name)
		}
	}
}

func TestBuildTailwindNotInstalled(t *testing.T) {
	nm := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	dir := t.TempDir()
	os.Symlink(nm, filepath.Join(dir, "node_modules"))
	os.WriteFile(filepath.Join(dir, "app.css"), []byte("body { margin: 0 }\n@import \"tailwindcss\";\n"), 0o644)
	_, err := Build(Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "app.css:2:1: this stylesheet uses Tailwind CSS, but @tailwindcss/cli is not installed") || !strings.Contains(err.Error(), "npm install --save-dev tailwindcss @tailwindcss/cli") {
		t.Errorf("Build = %v, want a located error saying how to install Tailwind", err)
	}
}

func TestUsesTailwind(t *testing.T) {
	for src, want := range map[string]bool{
		`@import "tailwindcss";`:                                true,
		`@import 'tailwindcss/utilities.css' layer(utilities);`: true,
		`@import url("tailwindcss");`:                           true,
		`@reference "../app.css"; .x { @apply p-2 }`:            true,
		`@tailwind utilities;`:                                  true,
		`@plugin "@tailwindcss/typography";`:                    true,
		`@import "./tailwindcss-like.css";`:                     false,
		`/* @import "tailwindcss"; */ a { }`:                    false,
		`.tailwind { color: red }`:                              false,
	} {
		if got := usesTailwind([]byte(src)); got != want {
			t.Errorf("usesTailwind(%q) = %v, want %v", src, got, want)
		}
	}
}
