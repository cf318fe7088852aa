package gorsc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/reply"
	"github.com/gorsc/gorsc/internal/tree"
)

// Sealed bound arguments (ARCHITECTURE decision 5).
//
// A bound action reaches the browser as one opaque reference id:
//
//	<action id>.<seal>
//
// where seal is base64url(nonce ‖ AES-256-GCM(bound args)), keyed by a key
// derived from the app secret, with the action id as additional
// authenticated data. The browser can neither read the bound values nor
// change them, and a seal made for one action does not open for another
// (or under another secret). Sealing is deterministic — the nonce is an
// HMAC of the action id and the plaintext — so the HTML and the Flight
// payload of one render carry the same reference and a page renders the
// same bytes every time; the only thing it reveals is that two references
// carry equal values.
//
// The writers see a bound action as an unbound one whose id is the sealed
// reference (ServerAction.BoundArgs returns nil), so Flight writes
// {"id":"<ref>","bound":null} and a form writes $ACTION_ID_<ref>. The
// browser runtime's callServer splits the reference: the action id goes
// in the Gorsc-Action header, the seal travels as the first argument of
// the body with SealedHeader set, so large bound values never make a long
// header.

// SealedHeader, set to "1" on an action call, says that the first argument
// of the body is the sealed bound arguments of the reference being called.
const SealedHeader = "Gorsc-Action-Sealed"

// sealSep separates the action id from the seal in a bound reference.
const sealSep = "."

// maxSealBytes bounds a seal accepted from the browser (base64 text).
const maxSealBytes = 1 << 20

type sealer struct {
	aead     cipher.AEAD
	nonceKey []byte

	// Seals are deterministic, so pages that render the same bound
	// actions again (a list of Delete forms) reuse them.
	mu    sync.RWMutex
	cache map[string]string // id "\x00" plain → seal
}

// maxSealCache bounds the seal cache; when full it starts over.
const maxSealCache = 4096

func (s *sealer) sealCached(id string, plain []byte) string {
	key := id + "\x00" + string(plain)
	s.mu.RLock()
	v, ok := s.cache[key]
	s.mu.RUnlock()
	if ok {
		return v
	}
	v = s.seal(id, plain)
	s.mu.Lock()
	if s.cache == nil || len(s.cache) >= maxSealCache {
		s.cache = make(map[string]string, 256)
	}
	s.cache[key] = v
	s.mu.Unlock()
	return v
}

var sealers sync.Map // *App → *sealer

// sealer returns the app's sealing keys, derived from its secret.
func (a *App) sealer() *sealer {
	if s, ok := sealers.Load(a); ok {
		return s.(*sealer)
	}
	derive := func(label string) []byte {
		m := hmac.New(sha256.New, a.secret)
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
	s, _ := sealers.LoadOrStore(a, &sealer{aead: aead, nonceKey: derive("gorsc bound seal nonce v1")})
	return s.(*sealer)
}

func (s *sealer) seal(id string, plain []byte) string {
	m := hmac.New(sha256.New, s.nonceKey)
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write(plain)
	nonce := m.Sum(nil)[:s.aead.NonceSize()]
	out := s.aead.Seal(nonce, nonce, plain, []byte(id))
	return base64.RawURLEncoding.EncodeToString(out)
}

// errSeal is the answer to a seal that does not open.
var errSeal = errors.New("the sealed bound arguments do not verify: they were changed, made for another action, or sealed under another secret")

func (s *sealer) open(id, seal string) ([]byte, error) {
	if len(seal) > maxSealBytes {
		return nil, fmt.Errorf("sealed bound arguments longer than %d bytes", maxSealBytes)
	}
	data, err := base64.RawURLEncoding.DecodeString(seal)
	if err != nil || len(data) < s.aead.NonceSize()+s.aead.Overhead() {
		return nil, errSeal
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, data[:n], data[n:], []byte(id))
	if err != nil {
		return nil, errSeal
	}
	return plain, nil
}

// refID is the public id of an action reference: the action's id, and
// for a bound action, its sealed bound arguments after a dot. The
// resolver's ActionID returns it.
func (a *App) refID(ref tree.ActionRef) (string, error) {
	id := a.actionID(ref.ActionName())
	sa, ok := ref.(*ServerAction)
	if !ok || len(sa.bound) == 0 {
		return id, nil
	}
	if m := sa.ref.Load(); m != nil && m.app == a {
		return m.ref, nil
	}
	plain, err := flight.EncodePlain(sa.bound)
	if err != nil {
		return "", fmt.Errorf("gorsc: bound arguments of action %s: %w", sa.def.name, err)
	}
	r := id + sealSep + a.sealer().sealCached(id, plain)
	sa.ref.Store(&sealedRef{app: a, ref: r})
	return r, nil
}

// unseal opens the seal of a reference to action id and decodes the bound
// arguments in it.
func (a *App) unseal(id, seal string) ([]any, error) {
	plain, err := a.sealer().open(id, seal)
	if err != nil {
		return nil, &badArgsError{fmt.Errorf("gorsc: action call: %w", err)}
	}
	v, err := reply.DecodeValue(&reply.Body{Fields: []reply.Entry{{Name: "0", Value: string(plain)}}}, "", reply.Limits{})
	if err != nil {
		return nil, &badArgsError{err}
	}
	bound, ok := v.([]any)
	if !ok {
		return nil, &badArgsError{errors.New("gorsc: action call: sealed bound arguments are not an array")}
	}
	return bound, nil
}

// splitRef splits a reference id into the action id and the seal ("" when
// unbound).
func splitRef(ref string) (id, seal string) {
	id, seal, _ = strings.Cut(ref, sealSep)
	return id, seal
}
