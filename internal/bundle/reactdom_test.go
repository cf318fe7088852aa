package bundle

import (
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

func TestReadFizzRuntime(t *testing.T) {
	rt, err := ReadFizzRuntime(testenv.NodeModules(t, "examples/bench"))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ s, prefix, contains string }{
		"ShellTime":        {rt.ShellTime, "requestAnimationFrame(", "$RT=performance.now()"},
		"CompleteBoundary": {rt.CompleteBoundary, "$RB=[];", "$RC=function("},
		"ClientRender":     {rt.ClientRender, "$RX=function(", `"$!"`},
	} {
		if !strings.HasPrefix(c.s, c.prefix) || !strings.Contains(c.s, c.contains) {
			t.Errorf("%s = %.80q…", name, c.s)
		}
		if strings.Contains(c.s, "</script") {
			t.Errorf("%s contains </script", name)
		}
	}
}

func TestJSStringLiteral(t *testing.T) {
	for in, want := range map[string]string{
		`'a"b' + x`:         `a"b`,
		`"it\'s\x3c\u2028"`: "it's<\u2028",
		`'a\\b'`:            `a\b`,
	} {
		got, err := jsStringLiteral(in)
		if err != nil || got != want {
			t.Errorf("jsStringLiteral(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`x`, `'abc`, "'a\nb'"} {
		if _, err := jsStringLiteral(bad); err == nil {
			t.Errorf("jsStringLiteral(%q) succeeded", bad)
		}
	}
}
