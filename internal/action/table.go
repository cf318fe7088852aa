package action

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/reply"
)

// Table gives the actions of one app their public ids and seals their
// bound arguments, under the app's secret (ARCHITECTURE decision 5).
//
// An action's id is the first 40 hex digits of HMAC-SHA256(secret,
// "gorsc action\x00" + name): the same on every instance that shares the
// secret, and saying nothing of the function. Ids are never parsed: an
// unknown id is simply not in the table.
//
// A bound action reaches the browser as one opaque reference id
//
//	<action id>.<seal>
//
// where seal is base64url(nonce ‖ AES-256-GCM(bound args)), keyed by a key
// derived from the secret, with the action id as additional authenticated
// data. The browser can neither read the bound values nor change them,
// and a seal made for one action does not open for another (or under
// another secret). Sealing is deterministic — the nonce is an HMAC of the
// action id and the plaintext — so the HTML and the Flight payload of one
// render carry the same reference and a page renders the same bytes every
// time; the only thing it reveals is that two references carry equal
// values.
//
// The writers see a bound action as an unbound one whose id is the sealed
// reference, so Flight writes {"id":"<ref>","bound":null} and a form
// writes $ACTION_ID_<ref>. The browser runtime's callServer splits the
// reference: the action id goes in the Gorsc-Action header, the seal
// travels as the first argument of the body with Gorsc-Action-Sealed set,
// so large bound values never make a long header.
type Table struct {
	secret   []byte
	aead     cipher.AEAD
	nonceKey []byte

	mu     sync.RWMutex
	ids    map[string]string // name → id
	byID   map[string]*Def
	nDefs  int
	sealMu sync.RWMutex
	seals  map[*Def]map[string]string // action → plain bound arguments → reference id
	nSeals int                        // entries in seals
}

// NewTable returns the table of an app with secret (any length; not empty).
func NewTable(secret []byte) *Table {
	derive := func(label string) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(label))
		return m.Sum(nil)
	}
	block, err := aes.NewCipher(derive("gorsc bound seal key v1"))
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return &Table{secret: secret, aead: aead, nonceKey: derive("gorsc bound seal nonce v1"), ids: map[string]string{}}
}

// ID is the public id of the action named name.
func (t *Table) ID(name string) string {
	t.mu.RLock()
	id, ok := t.ids[name]
	t.mu.RUnlock()
	if ok {
		return id
	}
	mac := hmac.New(sha256.New, t.secret)
	mac.Write([]byte("gorsc action\x00" + name))
	id = hex.EncodeToString(mac.Sum(nil))[:40]
	t.mu.Lock()
	t.ids[name] = id
	t.mu.Unlock()
	return id
}

// defID is ID(d.Name), remembered in d for the table it was last asked
// by (an app has one).
func (t *Table) defID(d *Def) string {
	if m := d.id.Load(); m != nil && m.t == t {
		return m.ref
	}
	id := t.ID(d.Name)
	d.id.Store(&sealedRef{t: t, ref: id})
	return id
}

// ByID finds a registered action by its public id, or nil.
func (t *Table) ByID(id string) *Def {
	t.mu.RLock()
	d, ok := t.byID[id]
	n := t.nDefs
	t.mu.RUnlock()
	if ok {
		return d
	}
	defs := all()
	if len(defs) == n {
		return nil
	}
	table := make(map[string]*Def, len(defs))
	for _, d := range defs {
		table[t.ID(d.Name)] = d
	}
	t.mu.Lock()
	t.byID, t.nDefs = table, len(defs)
	t.mu.Unlock()
	return table[id]
}

// RefID is the public reference id of r: the action's id, and for a bound
// action, its sealed bound arguments after a dot.
func (t *Table) RefID(r *Ref) (string, error) {
	id := t.defID(r.Def)
	if len(r.Bound) == 0 {
		return id, nil
	}
	if m := r.sealed.Load(); m != nil && m.t == t {
		return m.ref, nil
	}
	// The bound arguments of a page's actions are most often an id or
	// two: written into buf, on the stack, and found in the cache
	// (t.seals) without allocating.
	var buf [128]byte
	plain, err := flight.AppendPlainArgs(buf[:0], r.Bound)
	if err != nil {
		return "", fmt.Errorf("gorsc: bound arguments of action %s: %w", r.Def.Name, err)
	}
	if ref, ok := t.cachedRef(r.Def, plain); ok {
		return ref, nil
	}
	kept := bytes.Clone(plain) // so buf stays on the stack: seal's interfaces would take it
	ref := id + sealSep + t.seal(id, kept)
	t.cacheRef(r.Def, kept, ref)
	r.sealed.Store(&sealedRef{t: t, ref: ref})
	return ref, nil
}

// SplitRef splits a reference id into the action id and the seal ("" when
// unbound).
func SplitRef(ref string) (id, seal string) {
	id, seal, _ = strings.Cut(ref, sealSep)
	return id, seal
}

// Unseal opens the seal of a reference to action id and decodes the bound
// arguments in it. Errors are *BadArgsError.
func (t *Table) Unseal(id, seal string) ([]any, error) {
	plain, err := t.open(id, seal)
	if err != nil {
		return nil, &BadArgsError{fmt.Errorf("gorsc: action call: %w", err)}
	}
	v, err := reply.DecodeValue(&reply.Body{Fields: []reply.Entry{{Name: "0", Value: string(plain)}}}, "", reply.Limits{})
	if err != nil {
		return nil, &BadArgsError{err}
	}
	bound, ok := v.([]any)
	if !ok {
		return nil, &BadArgsError{errors.New("gorsc: action call: sealed bound arguments are not an array")}
	}
	return bound, nil
}

// sealSep separates the action id from the seal in a bound reference.
const sealSep = "."

// maxSealBytes bounds a seal accepted from the browser (base64 text).
const maxSealBytes = 1 << 20

// maxSealCache bounds the seal cache; when full it starts over.
const maxSealCache = 4096

// cachedRef returns the reference id of action d with bound arguments
// plain, when it is in the cache. Seals are deterministic, so pages that
// render the same bound actions again (a list of Delete forms) reuse
// them. (Go looks a map up by string(plain) without allocating.)
func (t *Table) cachedRef(d *Def, plain []byte) (string, bool) {
	t.sealMu.RLock()
	ref, ok := t.seals[d][string(plain)]
	t.sealMu.RUnlock()
	return ref, ok
}

// cacheRef adds ref, the reference id of action d with bound arguments
// plain, to the cache, which starts over when it holds maxSealCache.
func (t *Table) cacheRef(d *Def, plain []byte, ref string) {
	t.sealMu.Lock()
	defer t.sealMu.Unlock()
	if t.seals == nil || t.nSeals >= maxSealCache {
		t.seals, t.nSeals = map[*Def]map[string]string{}, 0
	}
	m := t.seals[d]
	if m == nil {
		m = make(map[string]string, 64)
		t.seals[d] = m
	}
	if _, ok := m[string(plain)]; !ok {
		m[string(plain)] = ref
		t.nSeals++
	}
}

func (t *Table) seal(id string, plain []byte) string {
	m := hmac.New(sha256.New, t.nonceKey)
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write(plain)
	nonce := m.Sum(nil)[:t.aead.NonceSize()]
	out := t.aead.Seal(nonce, nonce, plain, []byte(id))
	return base64.RawURLEncoding.EncodeToString(out)
}

// errSeal is the answer to a seal that does not open.
var errSeal = errors.New("the sealed bound arguments do not verify: they were changed, made for another action, or sealed under another secret")

func (t *Table) open(id, seal string) ([]byte, error) {
	if len(seal) > maxSealBytes {
		return nil, fmt.Errorf("sealed bound arguments longer than %d bytes", maxSealBytes)
	}
	data, err := base64.RawURLEncoding.DecodeString(seal)
	if err != nil || len(data) < t.aead.NonceSize()+t.aead.Overhead() {
		return nil, errSeal
	}
	n := t.aead.NonceSize()
	plain, err := t.aead.Open(nil, data[:n], data[n:], []byte(id))
	if err != nil {
		return nil, errSeal
	}
	return plain, nil
}
