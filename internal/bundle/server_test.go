package bundle

import (
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

func TestServerBundle(t *testing.T) {
	dir := testenv.NodeModules(t, "examples/bench")
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	s := string(res.Server)
	for path, m := range res.Modules {
		if !strings.Contains(s, `"`+m.URL+`"`) {
			t.Errorf("server bundle has no module id %s for %s", m.URL, path)
		}
	}
	for _, want := range []string{"__gorsc_ssr", "renderToReadableStream", "createFromReadableStream"} {
		if !strings.Contains(s, want) {
			t.Errorf("server bundle lacks %s", want)
		}
	}
	t.Logf("server bundle: %d bytes; modules %v", len(res.Server), res.Modules)
}
