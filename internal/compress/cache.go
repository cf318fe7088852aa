package compress

import (
	"sync"
)

// Cache keeps compressed copies of answers served many times (a cached
// page), so that each is compressed once per coding instead of once per
// request. An entry is named by a key that changes whenever the content
// does (the answer's strong ETag, a hash of its bytes), so an entry is
// never stale: after an invalidation the new content comes with a new
// key and the old entry ages out.
//
// It holds at most MaxBytes of compressed bytes; past that the oldest
// entries are dropped. The zero value is ready to use (32 MiB); it is safe
// for concurrent use.
type Cache struct {
	// MaxBytes bounds the compressed bytes kept (default 32 MiB).
	MaxBytes int

	mu    sync.Mutex
	m     map[cacheKey][]byte
	order []cacheKey // oldest first
	size  int
}

type cacheKey struct{ key, coding string }

// defaultCacheBytes is Cache's budget when MaxBytes is 0.
const defaultCacheBytes = 32 << 20

// Encoded returns body compressed with coding, made once per key and
// coding at Static's fast levels (brotli 5, gzip 6, zstd's default: a
// better ratio than per-request answers get, paid once). It returns nil
// when coding does not shrink body by at least 5% (serve it as is) or
// fails. Concurrent first requests for a key may each compress it; one
// copy is kept.
func (c *Cache) Encoded(key, coding string, body []byte) []byte {
	k := cacheKey{key, coding}
	c.mu.Lock()
	enc, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return enc
	}
	enc, err := Static(coding, body, false)
	if err != nil {
		enc = nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[k]; ok {
		return prev
	}
	max := c.MaxBytes
	if max <= 0 {
		max = defaultCacheBytes
	}
	if len(enc) > max {
		return enc // too big to keep: used once
	}
	if c.m == nil {
		c.m = map[cacheKey][]byte{}
	}
	for c.size+len(enc) > max && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.m[old])
		delete(c.m, old)
	}
	c.m[k] = enc
	c.order = append(c.order, k)
	c.size += len(enc)
	return enc
}
