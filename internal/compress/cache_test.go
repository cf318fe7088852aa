package compress

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestCacheCompressesOnce(t *testing.T) {
	var c Cache
	body := []byte(strings.Repeat("<li>an item of a cached page</li>", 200))
	a := c.Encoded(`"etag1"`, Gzip, body)
	b := c.Encoded(`"etag1"`, Gzip, body)
	if a == nil || &a[0] != &b[0] {
		t.Fatalf("the second call compressed again (or nothing came back)")
	}
	r, err := Decode(Gzip, bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(r); !bytes.Equal(got, body) {
		t.Fatalf("decodes to %d bytes, want %d", len(got), len(body))
	}
	if br := c.Encoded(`"etag1"`, Brotli, body); br == nil || bytes.Equal(br, a) {
		t.Errorf("brotli copy: %d bytes", len(br))
	}
	// Content that does not shrink comes back nil (serve it as is).
	if got := c.Encoded(`"tiny"`, Gzip, []byte("ab")); got != nil {
		t.Errorf("incompressible body: %d bytes, want nil", len(got))
	}
}

func TestCacheKeepsWithinBudget(t *testing.T) {
	c := Cache{MaxBytes: 300}
	body := []byte(strings.Repeat("x", 10000)) // ~ 40–60 bytes compressed
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		c.Encoded(k, Gzip, body)
	}
	if c.size > 300 || len(c.m) != len(c.order) {
		t.Fatalf("size %d bytes in %d entries (%d in order), budget 300", c.size, len(c.m), len(c.order))
	}
	if _, ok := c.m[cacheKey{"j", Gzip}]; !ok {
		t.Errorf("the newest entry was dropped")
	}
	if _, ok := c.m[cacheKey{"a", Gzip}]; ok {
		t.Errorf("the oldest entry was kept past the budget")
	}
}
