package ssr

import (
	"container/list"
	"crypto/sha256"
	"encoding/binary"
	"sync"
)

// cache is a memo of successful renders, least recently used first out,
// bounded by the bytes of the results it holds.
type cache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // of *cacheEntry, most recent first
	byKey map[[32]byte]*list.Element
}

type cacheEntry struct {
	key [32]byte
	res Result
}

// entryOverhead is a rough count of the bytes an entry costs besides its
// HTML.
const entryOverhead = 128

func newCache(max int64) *cache {
	return &cache{max: max, order: list.New(), byKey: map[[32]byte]*list.Element{}}
}

// cacheKey hashes everything a render depends on.
func cacheKey(req Request) [32]byte {
	h := sha256.New()
	var n [8]byte
	field := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	field(req.Flight)
	field(req.FormState)
	forks := make([]byte, 0, 1+16*len(req.Tree.Forks))
	if req.SVG {
		forks = append(forks, 1)
	} else {
		forks = append(forks, 0)
	}
	for _, f := range req.Tree.Forks {
		forks = binary.LittleEndian.AppendUint64(forks, uint64(f.N))
		forks = binary.LittleEndian.AppendUint64(forks, uint64(f.I))
	}
	field(forks)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func (c *cache) get(k [32]byte) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[k]
	if !ok {
		return Result{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).res.clone(), true
}

func (c *cache) put(k [32]byte, r Result) {
	cost := int64(len(r.HTML)+len(r.Head)) + entryOverhead
	if cost > c.max/8 {
		return // one entry may not take over the cache
	}
	r = r.clone()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[k]; ok {
		return
	}
	c.byKey[k] = c.order.PushFront(&cacheEntry{key: k, res: r})
	c.size += cost
	for c.size > c.max {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.byKey, e.key)
		c.size -= int64(len(e.res.HTML)+len(e.res.Head)) + entryOverhead
	}
}
