package gorsc_test

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/testenv"
)

// newApp is the one app builder of these tests: an App with a secret and a
// logger writing to the returned buffer, configured by setup (pages,
// segments, fields), prepared. An app that sets no Dir serves the prebuilt
// fixture in testdata/assets, so the test needs no npm packages; tests
// that run pages in Chromium set Dir to a directory with real client
// components (tools/react/testapp, whose React comes from tools/react).
func newApp(t *testing.T, setup func(app *gorsc.App)) (*gorsc.App, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	app := &gorsc.App{Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(logs, nil))}
	setup(app)
	switch {
	case strings.HasPrefix(app.Dir, "tools/react"):
		testenv.NodeModules(t, "tools/react")
	case app.Dir != "":
		testenv.NodeModules(t, app.Dir)
	case app.Assets == nil:
		app.Assets = os.DirFS("testdata/assets")
	}
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	return app, logs
}

// serve serves app on a loopback HTTP server closed when the test ends.
func serve(t *testing.T, app *gorsc.App) *httptest.Server {
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv
}

// syncBuffer is a log buffer that the server's goroutines write to while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
