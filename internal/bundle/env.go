package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// PublicEnvPrefix starts the names of the environment variables that
// client code may read: process.env.GORSC_PUBLIC_API_URL is replaced at
// build time by the value the variable had when the bundle was built
// (Next.js's NEXT_PUBLIC_*). process.env.NODE_ENV is "production" or
// "development".
const PublicEnvPrefix = "GORSC_PUBLIC_"

// defines are esbuild's replacements for process.env reads in client
// code: NODE_ENV and every GORSC_PUBLIC_* variable set now.
func defines(mode string) map[string]string {
	// process.env itself is an empty object, so that a public variable
	// that is not set reads as undefined instead of throwing.
	d := map[string]string{"process.env.NODE_ENV": mode, "process.env": "{}"}
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, PublicEnvPrefix) {
			d["process.env."+name] = strconv.Quote(value)
		}
	}
	return d
}

// envRead finds process.env reads: process.env.NAME, process.env["NAME"]
// and process.env['NAME'].
var envRead = regexp.MustCompile(`\bprocess\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*["']([^"']+)["']\s*\])`)

// envPlugin fails the build at every read of a process.env variable in
// the app's own client code (not node_modules) that is neither NODE_ENV
// nor public: in the browser it would be a ReferenceError, and replacing
// it would leak a server secret into the bundle.
func envPlugin(dir string) api.Plugin {
	return api.Plugin{
		Name: "gorsc-env",
		Setup: func(b api.PluginBuild) {
			b.OnLoad(api.OnLoadOptions{Filter: `\.(tsx?|jsx?|mjs)$`}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				if strings.Contains(a.Path, string(filepath.Separator)+"node_modules"+string(filepath.Separator)) {
					return api.OnLoadResult{}, nil // esbuild loads it as usual
				}
				src, err := os.ReadFile(a.Path)
				if err != nil {
					return api.OnLoadResult{}, nil
				}
				errs := envErrors(dir, a.Path, string(src))
				if len(errs) == 0 {
					return api.OnLoadResult{}, nil
				}
				return api.OnLoadResult{Errors: errs}, nil
			})
		},
	}
}

// envErrors lists the forbidden process.env reads of one source file,
// located.
func envErrors(dir, file, src string) []api.Message {
	var out []api.Message
	for _, m := range envRead.FindAllStringSubmatchIndex(src, -1) {
		name := ""
		switch {
		case m[2] >= 0:
			name = src[m[2]:m[3]]
		case m[4] >= 0:
			name = src[m[4]:m[5]]
		}
		if name == "NODE_ENV" || strings.HasPrefix(name, PublicEnvPrefix) {
			continue
		}
		line := strings.Count(src[:m[0]], "\n") + 1
		lineStart := strings.LastIndexByte(src[:m[0]], '\n') + 1
		lineEnd := strings.IndexByte(src[m[0]:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src) - m[0]
		}
		rel, err := filepath.Rel(dir, file)
		if err != nil {
			rel = file
		}
		what := "process.env." + name
		if name == "" {
			what = "process.env"
		}
		out = append(out, api.Message{
			Text: fmt.Sprintf("client code reads %s: only process.env.NODE_ENV and %s* variables reach the browser", what, PublicEnvPrefix),
			Location: &api.Location{
				File: filepath.ToSlash(rel), Line: line, Column: m[0] - lineStart,
				LineText: src[lineStart : m[0]+lineEnd],
			},
			Notes: []api.Note{{Text: fmt.Sprintf("rename the variable to %s%s to send its build-time value to the browser, or read it in a server component and pass it as a prop", PublicEnvPrefix, strings.TrimPrefix(name, PublicEnvPrefix))}},
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Location.Line < out[j].Location.Line })
	return out
}
