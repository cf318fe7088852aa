package bundle

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/evanw/esbuild/pkg/api"
)

// Tailwind CSS v4. A stylesheet that uses Tailwind (it imports
// "tailwindcss", or has a @reference, @tailwind, @plugin or @config
// directive) is compiled by Tailwind's own CLI, @tailwindcss/cli from the
// app's node_modules, run with Node at build time, in the app directory;
// esbuild then bundles the CSS it printed like any other. Tailwind scans
// the app's files for class names (its automatic source detection, from
// the app directory; an @source "../**/*.go" directive in the stylesheet
// makes the Go files explicit). Nothing of Tailwind runs when the app
// serves: a prebuilt app ("gorsc build") carries the compiled CSS.
//
// Compiled CSS is cached for the life of the process, keyed by the
// stylesheet's content and the names, sizes and modification times of the
// app's files, so apps built again in one process (tests) run Tailwind
// once.

// twDirective finds the directives that make a stylesheet Tailwind's.
var twDirective = regexp.MustCompile(`@(?:import\s+(?:url\(\s*)?["']tailwindcss(?:/[^"']*)?["']|reference\s|tailwind\s|plugin\s|config\s)`)

// usesTailwind reports whether a stylesheet must go through Tailwind.
func usesTailwind(src []byte) bool { return twDirective.Match(stripCSSComments(src)) }

func stripCSSComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("/*")) {
		return src
	}
	var out []byte
	for {
		i := bytes.Index(src, []byte("/*"))
		if i < 0 {
			return append(out, src...)
		}
		out = append(out, src[:i]...)
		j := bytes.Index(src[i+2:], []byte("*/"))
		if j < 0 {
			return out
		}
		src = src[i+2+j+2:]
	}
}

// TailwindTimeout bounds one run of Tailwind's compiler.
const TailwindTimeout = 2 * time.Minute

// tailwind compiles the Tailwind stylesheets of one build.
type tailwind struct {
	dir  string
	once sync.Once
	tree string // fingerprint of the app's files, computed once per build
}

func newTailwind(dir string) *tailwind { return &tailwind{dir: dir} }

// twCache holds compiled stylesheets by twKey, for the process.
var twCache sync.Map

// uses reports whether the CSS file at abs uses Tailwind.
func (tw *tailwind) uses(abs string) bool {
	src, err := os.ReadFile(abs)
	return err == nil && usesTailwind(src)
}

// compile runs Tailwind's CLI on the stylesheet at abs (whose content is
// src) and returns the CSS it prints, or located build errors.
func (tw *tailwind) compile(abs string, src []byte) (string, []api.Message) {
	tw.once.Do(func() { tw.tree = fingerprint(tw.dir) })
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", abs, tw.tree)
	h.Write(src)
	key := hex.EncodeToString(h.Sum(nil))
	if css, ok := twCache.Load(key); ok {
		return css.(string), nil
	}
	rel, err := filepath.Rel(tw.dir, abs)
	if err != nil {
		rel = abs
	}
	rel = filepath.ToSlash(rel)
	fail := func(text string, notes ...string) (string, []api.Message) {
		m := api.Message{Text: text, Location: directiveLocation(rel, src)}
		for _, n := range notes {
			m.Notes = append(m.Notes, api.Note{Text: n})
		}
		return "", []api.Message{m}
	}
	cli, ok := tailwindCLI(filepath.Dir(abs), tw.dir)
	if !ok {
		return fail("this stylesheet uses Tailwind CSS, but @tailwindcss/cli is not installed for the app",
			"run: npm install --save-dev tailwindcss @tailwindcss/cli (in "+tw.dir+"); Tailwind runs only when the app is built")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fail("this stylesheet uses Tailwind CSS, whose compiler needs Node.js at build time, and node is not on PATH",
			"install Node.js 20 or newer, or prebuild the assets where Node is installed (gorsc build) and serve them with App.Assets")
	}
	ctx, cancel := context.WithTimeout(context.Background(), TailwindTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, cli, "--input", abs)
	cmd.Dir = tw.dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "FORCE_COLOR=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fail("Tailwind CSS failed: "+tailwindError(stderr.String(), err),
			"the command was: node "+cli+" --input "+abs+" (in "+tw.dir+")")
	}
	css := stdout.String()
	twCache.Store(key, css)
	return css, nil
}

// tailwindCLI finds the entry script of @tailwindcss/cli from the
// stylesheet's folder or the app directory, as Node resolves packages.
func tailwindCLI(from, dir string) (string, bool) {
	pkg, ok := packageDir(from, "@tailwindcss/cli")
	if !ok {
		if pkg, ok = packageDir(dir, "@tailwindcss/cli"); !ok {
			return "", false
		}
	}
	data, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		return "", false
	}
	var meta struct {
		Bin map[string]string `json:"bin"`
	}
	if json.Unmarshal(data, &meta) != nil || meta.Bin["tailwindcss"] == "" {
		return "", false
	}
	return filepath.Join(pkg, filepath.FromSlash(meta.Bin["tailwindcss"])), true
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// tailwindError picks Tailwind's error message out of its output.
func tailwindError(stderr string, err error) string {
	s := ansi.ReplaceAllString(stderr, "")
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "│┌└"))
		if l == "" || strings.HasPrefix(l, "≈ tailwindcss") || l == "Error:" {
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return err.Error()
	}
	return strings.Join(lines, "; ")
}

// directiveLocation locates the first Tailwind directive of a stylesheet.
func directiveLocation(rel string, src []byte) *api.Location {
	loc := &api.Location{File: rel}
	m := twDirective.FindIndex(src)
	if m == nil {
		return loc
	}
	loc.Line = bytes.Count(src[:m[0]], []byte("\n")) + 1
	start := bytes.LastIndexByte(src[:m[0]], '\n') + 1
	end := bytes.IndexByte(src[m[0]:], '\n')
	if end < 0 {
		end = len(src) - m[0]
	}
	loc.Column = m[0] - start
	loc.LineText = string(src[start : m[0]+end])
	return loc
}

// fingerprint hashes the names, sizes and modification times of the
// files below dir that Tailwind may scan (outside node_modules and
// hidden folders).
func fingerprint(dir string) string {
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}
