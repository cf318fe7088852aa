package main

import (
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/testenv"
)

// TestTwoInstancesShareOverRedis runs the showcase twice, as "-db F
// -redis URL" with one GORSC_SECRET would: one database file, one Redis
// (a real redis-server), one secret. B's list is cached; a book added by
// a form post to A (without JavaScript) shows in B's list within a
// second, because A's UpdateTag reaches B through Redis — B's cached list
// would hide it otherwise.
func TestTwoInstancesShareOverRedis(t *testing.T) {
	testenv.NodeModules(t, "examples/showcase")
	srv := testenv.StartRedis(t)
	t.Setenv("GORSC_SECRET", "shared by both instances")
	db := filepath.Join(t.TempDir(), "books.db")
	// One Store: in one process both apps read the package's store; the
	// data are shared through the file either way.
	store, err := OpenStore(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	instance := func() string {
		c, err := gorsc.NewRedisCache(srv.URL(), &gorsc.RedisCacheOptions{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		app := NewApp(store, ".")
		app.Cache = c
		if err := app.Prepare(); err != nil {
			t.Fatal(err)
		}
		s := httptest.NewServer(app)
		t.Cleanup(s.Close)
		return s.URL
	}
	a, b := instance(), instance()

	// B reads (and caches) the list; then the list changes under it.
	if _, body := get(t, b+"/"); strings.Contains(body, "Piranesi") || !strings.Contains(body, "Dune") {
		t.Fatal("B's first list is not the seeded one")
	}

	// A's add form, as a browser without JavaScript posts it.
	_, page := get(t, a+"/")
	m := regexp.MustCompile(`<form[^>]*class="add"[^>]*>.*?name="\$ACTION_ID_([0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("A's page has no add form:\n%s", page)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("$ACTION_ID_"+m[1], "")
	mw.WriteField("title", "Piranesi")
	mw.WriteField("author", "Susanna Clarke")
	mw.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Post(a+"/", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		t.Fatalf("adding on A = %d:\n%s", resp.StatusCode, answer)
	}
	// Without JavaScript the answer is a redirect to the page (post, then
	// get); A's next page already has the book (read-your-own-writes).
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("adding on A = %d %v, want 303 to /", resp.StatusCode, resp.Header)
	}
	if _, body := get(t, a+"/"); !strings.Contains(body, "Piranesi") {
		t.Error("A's page after its own action lacks the new book")
	}

	deadline := time.Now().Add(time.Second)
	for {
		if _, body := get(t, b+"/"); strings.Contains(body, "Piranesi") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B still serves its cached list a second after A's action")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
