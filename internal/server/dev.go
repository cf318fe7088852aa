//go:build !gorsc_prebuilt

package server

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/ssr"
)

// Development under "gorsc dev" (GORSC_DEV=1: Config.DevServer). The app
// process outlives the edits of its client code: the development server
// restarts it for Go edits only.
//
//   - At start the app bundles its client code with a bundle.Builder,
//     which keeps esbuild's contexts for the builds to come; or, when none
//     of the files the last build read changed (a restart after a Go
//     edit), it loads that build from .gorsc/dev/assets
//     (bundle.LoadCache) and makes the builder's contexts in the
//     background a moment later (warm), so that the next edit builds
//     incrementally too. The compiled server bundle is kept in
//     .gorsc/dev/ssr (ssr.Options.CodeCache).
//   - POST protocol.DevRebuild builds again and answers
//     protocol.DevRebuildAnswer: OK, or esbuild's errors as data. A
//     failed build changes nothing: the app keeps serving the last good
//     build. The endpoint answers loopback clients only (404 to others;
//     it is reached before the app's middleware) presenting the
//     development secret gorsc dev gives the app as GORSC_SECRET
//     ("Authorization: Bearer SECRET"; 403 otherwise). Without
//     Config.DevServer there is no such endpoint: the path is a page
//     path like any other (404).
//   - A build that differs from the one served replaces it (swap):
//     files, manifest, module table, stylesheets and the server bundle at
//     once (clientBuild); the server renderer reloads (ssr.Engine.Reload:
//     the old VMs retire), and the files of the build before stay
//     servable for pages that requests in flight answered with it.
//
// Compression is off: gorsc dev asks the app for identity answers (it
// injects its reload script into pages), so precompressing every build
// would be wasted.

// devState is a Server's development side.
type devState struct {
	s       *Server
	builder *bundle.Builder
	cache   string // .gorsc/dev/assets
	secret  string // GORSC_SECRET, as gorsc dev set it

	mu     sync.Mutex       // one build at a time
	saveMu sync.Mutex       // one cache write at a time
	saved  *bundle.CacheKey // the key of the build in the cache; under saveMu
	closed bool             // Close was called: no more writes; under saveMu
	cold   bool             // the first build came from the cache: the builder has no contexts yet
	done   chan struct{}
	once   sync.Once
}

// warmDelay is how long after start a process whose build came from the
// cache waits before it makes the builder's contexts (a full build, in
// the background): the browser reloads meanwhile.
var warmDelay = 500 * time.Millisecond

// startDev prepares the development side before the first build. An app
// given prebuilt assets has none: it bundles nothing.
func (s *Server) startDev() error {
	if s.cfg.Assets != nil {
		return nil
	}
	dir := s.cfg.Dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	b, err := bundle.NewBuilder(bundle.Options{Dir: abs, PublicPath: protocol.AssetPrefix, Development: s.cfg.Dev})
	if err != nil {
		return err
	}
	work := filepath.Join(abs, ".gorsc", "dev")
	s.dev = &devState{s: s, builder: b, cache: filepath.Join(work, "assets"), secret: os.Getenv("GORSC_SECRET"), done: make(chan struct{})}
	s.cfg.SSR.CodeCache = filepath.Join(work, "ssr")
	s.cfg.DisableCompression = true
	// What a process stopped while it saved a build left behind.
	if old, err := filepath.Glob(s.dev.cache + ".tmp-*"); err == nil {
		for _, p := range old {
			if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > time.Minute {
				os.RemoveAll(p)
			}
		}
	}
	return nil
}

// first is the build the app starts with: the cached one, when it fits
// the app's files, else a new one.
func (d *devState) first() (*assets.Result, error) {
	start := time.Now()
	r, key, err := d.builder.LoadCache(d.cache)
	if err == nil {
		d.cold, d.saved = true, key
		d.s.log.Debug("gorsc dev: loaded the last build of the client code", "dir", d.cache, "took", time.Since(start))
		return r, nil
	}
	d.s.log.Debug("gorsc dev: bundling the client code", "cache", err)
	if r, err = d.builder.Build(); err != nil {
		return nil, err
	}
	d.saveAsync(r, d.builder.CacheKey())
	return r, nil
}

// started runs once the Server is made: the rebuild endpoint goes in
// front of the app's handler, the public/ folder is served even when it
// does not exist yet, and a builder without contexts warms up.
func (d *devState) started() {
	s := d.s
	next := s.handler
	s.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == protocol.DevRebuild {
			d.serveRebuild(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
	if s.public == nil && s.cfg.Assets == nil {
		dir := s.cfg.Dir
		if dir == "" {
			dir = "."
		}
		s.public = &publicFiles{fsys: os.DirFS(filepath.Join(dir, assets.PublicDir))}
	}
	if d.cold {
		go d.warm()
	}
}

// warm makes the builder's contexts: a build like any other, after
// warmDelay (unless an edit asked for one before).
func (d *devState) warm() {
	defer func() {
		if e := recover(); e != nil {
			d.s.log.Error("gorsc dev: building the client code in the background panicked", "err", e)
		}
	}()
	select {
	case <-time.After(warmDelay):
	case <-d.done:
		return
	}
	if ans := d.rebuild(); !ans.OK {
		d.s.log.Debug("gorsc dev: building the client code in the background failed", "errors", ans.Messages, "err", ans.Error)
	} else if ans.Changed {
		d.s.log.Info("gorsc dev: the client code built in the background differs from the cached build; serving it")
	}
}

// closeDev stops the development side.
func (s *Server) closeDev() {
	if s.dev == nil {
		return
	}
	s.dev.once.Do(func() { close(s.dev.done) })
	s.dev.builder.Close()
	// A build being saved is written to the end (waited for), one not
	// begun is not: nothing writes into .gorsc/dev after Close.
	s.dev.saveMu.Lock()
	s.dev.closed = true
	s.dev.saveMu.Unlock()
}

// serveRebuild answers protocol.DevRebuild: loopback clients only, with
// the development secret.
func (d *devState) serveRebuild(w http.ResponseWriter, r *http.Request) {
	if !loopback(r.RemoteAddr) {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if d.secret == "" || subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+d.secret)) != 1 {
		http.Error(w, "gorsc dev: this endpoint needs the development secret (Authorization: Bearer GORSC_SECRET)", http.StatusForbidden)
		return
	}
	ans := d.rebuild()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(ans)
}

// loopback reports whether a request's remote address is a loopback one.
func loopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

// rebuild builds the client code again and serves the build when it
// differs from the one served.
func (d *devState) rebuild() protocol.DevRebuildAnswer {
	d.mu.Lock()
	defer d.mu.Unlock()
	start := time.Now()
	var ans protocol.DevRebuildAnswer
	r, err := d.builder.Build()
	ans.BundleMillis = time.Since(start).Milliseconds()
	if err == nil {
		key := d.builder.CacheKey()
		if !bundle.EqualResults(r, d.s.cur.Load().assets) {
			err = d.s.swap(r)
			ans.Changed = err == nil
		}
		if err == nil {
			d.saveAsync(r, key)
		}
	}
	ans.Millis = time.Since(start).Milliseconds()
	var be *bundle.Error
	switch {
	case err == nil:
		ans.OK = true
	case errors.As(err, &be):
		for _, m := range be.Messages {
			ans.Messages = append(ans.Messages, protocol.DevMessage{File: m.File, Line: m.Line, Column: m.Column, Text: m.Text, Source: m.Source, Notes: m.Notes})
		}
	default:
		ans.Error = err.Error()
	}
	return ans
}

// saveAsync keeps r, built with key, for the next process (first).
func (d *devState) saveAsync(r *assets.Result, key *bundle.CacheKey) {
	go func() {
		defer func() {
			if e := recover(); e != nil {
				d.s.log.Error("gorsc dev: saving the build panicked", "err", e)
			}
		}()
		d.saveMu.Lock()
		defer d.saveMu.Unlock()
		if d.closed {
			return // the app's folder may be on its way out
		}
		if reflect.DeepEqual(key, d.saved) {
			return // the warm-up's build, say: the cache has it
		}
		if err := bundle.SaveCache(d.cache, r, key, d.s.cfg.Dev); err != nil {
			d.s.log.Warn("gorsc dev: saving the build for the next start failed", "dir", d.cache, "err", err)
			return
		}
		d.saved = key
	}()
}

// swap serves the build r from now on (see clientBuild): with a server
// renderer reloaded with its server bundle. It fails, changing nothing,
// when that bundle does not load.
func (s *Server) swap(r *assets.Result) error {
	old := s.cur.Load()
	var engine *ssr.Engine
	var err error
	switch {
	case s.cfg.SSR.Disabled || len(r.Server) == 0:
	case old.ssr != nil && bytes.Equal(r.Server, old.assets.Server):
		engine = old.ssr // a CSS edit, say: the same server bundle
	case old.ssr != nil:
		engine, err = old.ssr.Reload(r.Server)
	default:
		engine, err = s.startSSR(r)
	}
	if err != nil {
		return fmt.Errorf("the server bundle does not load: %w", err)
	}
	if old.ssr != nil && engine == nil {
		old.ssr.Close()
	}
	b := s.newClientBuild(r, engine)
	// Pages answered with the build before load its files still.
	table := files{}
	for url, f := range *old.files.Load() {
		if _, own := old.assets.Files[url]; own {
			table[url] = f
		}
	}
	for url, f := range *b.files.Load() {
		table[url] = f
	}
	b.files.Store(&table)
	s.cur.Store(b)
	return nil
}
