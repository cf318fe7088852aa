package cache

import "sync"

// gens is the invalidation state: the generation counter and, per tag,
// the last generation that made it stale or expired it. For a remote store
// it is this instance's copy of the store's, kept current by the
// subscription (redis.go).
type gens struct {
	mu      sync.RWMutex
	gen     uint64
	stale   map[string]uint64
	expired map[string]uint64
}

func newGens() *gens {
	return &gens{stale: map[string]uint64{}, expired: map[string]uint64{}}
}

// current is the generation a load starting now records.
func (g *gens) current() uint64 {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.gen
}

// status tells whether a value loaded at generation gen with tags is
// still fresh for a reader bringing implicit tags.
func (g *gens) status(gen uint64, tags, implicit []string) status {
	g.mu.RLock()
	defer g.mu.RUnlock()
	switch {
	case g.gen == gen:
		return fresh // nothing was invalidated since
	case gen > g.gen:
		return expired // loaded before the store's state was reset
	}
	st := fresh
	for _, list := range [2][]string{tags, implicit} {
		for _, t := range list {
			if g.expired[t] > gen {
				return expired
			}
			if g.stale[t] > gen {
				st = stale
			}
		}
	}
	return st
}

// bump invalidates tags at a new generation (a memory cache).
func (g *gens) bump(tags []string, hard bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gen++
	g.set(g.gen, tags, hard)
}

// apply records an invalidation made at generation n (by this instance or
// another, through the remote store). Applying one twice is harmless.
func (g *gens) apply(n uint64, tags []string, hard bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gen = max(g.gen, n)
	g.set(n, tags, hard)
}

func (g *gens) set(n uint64, tags []string, hard bool) {
	for _, t := range tags {
		g.stale[t] = max(g.stale[t], n)
		if hard {
			g.expired[t] = max(g.expired[t], n)
		}
	}
}

// replace sets the whole state (a snapshot of the remote store's).
func (g *gens) replace(n uint64, stale, expired map[string]uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gen, g.stale, g.expired = n, stale, expired
}
