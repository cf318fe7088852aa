package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gorsc/gorsc/internal/fizz"
)

// reactDOMServerFile is the react-dom build whose inline streaming scripts
// gorsc writes into streamed documents.
const reactDOMServerFile = "cjs/react-dom-server.node.production.js"

// ReadFizzRuntime reads the inline scripts React writes to finish a
// streamed document ($RC, $RX, the shell-time script) out of the react-dom
// installed for the app in dir, so they are never retyped or committed.
func ReadFizzRuntime(dir string) (*fizz.Runtime, error) {
	pkg, ok := packageDir(dir, "react-dom")
	if !ok {
		return nil, fmt.Errorf("gorsc: react-dom is not installed for %s; run npm install", dir)
	}
	path := filepath.Join(pkg, reactDOMServerFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gorsc: reading React's streaming scripts: %w", err)
	}
	rt := &fizz.Runtime{}
	for name, dst := range map[string]*string{
		"shellTimeRuntimeScript":                       &rt.ShellTime,
		"completeBoundaryScriptFunctionOnly":           &rt.CompleteBoundary,
		"clientRenderScriptFunctionOnly":               &rt.ClientRender,
		"completeBoundaryWithStylesScript1FullPartial": &rt.CompleteBoundaryWithStyles,
	} {
		s, err := precomputedChunk(string(src), name)
		if err != nil {
			return nil, fmt.Errorf("gorsc: %s: %w (gorsc supports react-dom 19.3.x)", path, err)
		}
		*dst = s
	}
	// The view-transition $RV is an inline literal, not a named chunk.
	if i := strings.Index(string(src), `'$RV=function(B,g){`); i >= 0 {
		if rt.ViewTransitionReveal, err = jsStringLiteral(string(src[i:])); err != nil {
			return nil, fmt.Errorf("gorsc: %s: React's view-transition reveal script: %w (gorsc supports react-dom 19.3.x)", path, err)
		}
	}
	return rt, nil
}

// precomputedChunk finds `name = stringToPrecomputedChunk("…")` in src and
// returns the string literal's value.
func precomputedChunk(src, name string) (string, error) {
	marker := name + " = stringToPrecomputedChunk("
	i := strings.Index(src, marker)
	if i < 0 {
		return "", fmt.Errorf("no %s", name)
	}
	rest := strings.TrimLeft(src[i+len(marker):], " \t\r\n")
	return jsStringLiteral(rest)
}

// jsStringLiteral decodes the JavaScript string literal at the start of s.
func jsStringLiteral(s string) (string, error) {
	if s == "" || (s[0] != '\'' && s[0] != '"') {
		return "", fmt.Errorf("no string literal")
	}
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			return b.String(), nil
		case c == '\n':
			return "", fmt.Errorf("unterminated string literal")
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			break
		}
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'x', 'u':
			n := 2
			if e == 'u' {
				n = 4
			}
			if i+n >= len(s) {
				return "", fmt.Errorf("bad escape")
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad escape \\%c%s", e, s[i+1:i+1+n])
			}
			b.WriteRune(rune(v))
			i += n
		default:
			b.WriteByte(e) // \\ \' \" and the rest stand for themselves
		}
	}
	return "", fmt.Errorf("unterminated string literal")
}

// packageDir finds an npm package from dir as Node resolves it: in the
// node_modules of dir or of a parent.
func packageDir(dir, name string) (string, bool) {
	for {
		p := filepath.Join(dir, "node_modules", name)
		if _, err := os.Stat(filepath.Join(p, "package.json")); err == nil {
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
