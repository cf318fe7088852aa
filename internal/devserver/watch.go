package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/typegen"
)

// stamp is what a file looked like at the last look.
type stamp struct {
	mod  time.Time
	size int64
}

// goExts are the files the go command builds from: a change needs a go
// build, whatever else they are.
var goExts = map[string]bool{".go": true, ".mod": true, ".sum": true, ".s": true, ".c": true, ".h": true, ".syso": true}

// scriptExts are the client code's sources.
var scriptExts = map[string]bool{".tsx": true, ".ts": true, ".jsx": true, ".js": true, ".mjs": true}

// clientExts are the files the bundler reads: the client code, its CSS
// and what they import by URL.
var clientExts = map[string]bool{".tsx": true, ".ts": true, ".jsx": true, ".js": true, ".mjs": true, ".css": true,
	".json": true, ".svg": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".ico": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true}

// otherExts are files a binary may embed besides those.
var otherExts = map[string]bool{".html": true, ".txt": true, ".md": true, ".sql": true, ".tmpl": true, ".yaml": true, ".yml": true, ".toml": true}

// snapshot lists the watched files below dir — every file in public/,
// elsewhere the files of goExts, clientExts and otherExts — outside
// node_modules, hidden directories, build output and without the
// generated types; and the directories it walked.
func snapshot(dir string) (files map[string]stamp, dirs []string) {
	files = map[string]stamp{}
	public := filepath.Join(dir, assets.PublicDir)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (name == "node_modules" || strings.HasPrefix(name, ".") || assets.HasManifest(os.DirFS(p))) {
				return filepath.SkipDir
			}
			dirs = append(dirs, p)
			return nil
		}
		if strings.HasSuffix(name, typegen.Suffix) || name == bundle.ClientTypesFile || strings.HasSuffix(name, ".d.ts") || name == "package-lock.json" {
			return nil
		}
		ext := filepath.Ext(name)
		if !goExts[ext] && !clientExts[ext] && !otherExts[ext] && !strings.HasPrefix(p, public+string(filepath.Separator)) {
			return nil
		}
		if info, err := d.Info(); err == nil {
			files[p] = stamp{info.ModTime(), info.Size()}
		}
		return nil
	})
	return files, dirs
}

// changes compares two snapshots: the changed paths, sorted.
func changes(old, cur map[string]stamp) (paths []string) {
	for p, st := range cur {
		if o, ok := old[p]; !ok || o != st {
			paths = append(paths, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// needsGoBuild reports whether one of the changed paths needs a go build:
// a Go source (or go.mod, cgo, assembly) or a file the binary embeds
// (embeds; nil while unknown, when every file but the client code's is
// taken to be embedded, as before go list answered). Others — the client
// code, its CSS, public/ — the running app builds again itself.
func needsGoBuild(paths []string, embeds *embedSet) bool {
	for _, p := range paths {
		ext := filepath.Ext(p)
		switch {
		case goExts[ext]:
			return true
		case embeds == nil:
			if !scriptExts[ext] {
				return true
			}
		case embeds.has(p):
			return true
		}
	}
	return false
}

// embedSet holds the //go:embed patterns and files of the app's packages.
type embedSet struct {
	pkgs []embedPkg
}

type embedPkg struct {
	Dir           string
	EmbedPatterns []string
	EmbedFiles    []string
}

// listEmbeds asks go list for the embed patterns of the packages below
// dir (its module's).
func listEmbeds(ctx context.Context, dir string) (*embedSet, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-e", "-json=Dir,EmbedPatterns,EmbedFiles", "./...")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, errors.New(strings.TrimSpace(err.Error() + ": " + stderr.String()))
	}
	set := &embedSet{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p embedPkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if len(p.EmbedPatterns) > 0 {
			set.pkgs = append(set.pkgs, p)
		}
	}
	return set, nil
}

// has reports whether the file at p (absolute) is, or would be, embedded:
// one of a package's embedded files, or a file that one of its patterns
// matches itself or through a parent directory.
func (e *embedSet) has(p string) bool {
	for _, pkg := range e.pkgs {
		rel, err := filepath.Rel(pkg.Dir, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, f := range pkg.EmbedFiles {
			if f == rel {
				return true
			}
		}
		for _, pat := range pkg.EmbedPatterns {
			pat = strings.TrimPrefix(pat, "all:")
			for prefix := rel; prefix != "." && prefix != "/"; prefix = path.Dir(prefix) {
				if ok, _ := path.Match(pat, prefix); ok {
					return true
				}
			}
		}
	}
	return false
}

// settle is how long the files must stay quiet after an event before
// they are compared (editors write in several steps).
const settle = 20 * time.Millisecond

// watch looks for changes of the app's files — told by the system
// (inotify on Linux), and polling every Options.Poll in case it says
// nothing — and
// rebuilds once they are quiet: the Go server when needsGoBuild, else the
// client code in the running app.
func (s *Server) watch(ctx context.Context, secret string) {
	last, dirs := snapshot(s.dir)
	events := s.notify(ctx, dirs)
	poll := s.opts.Poll
	if poll <= 0 {
		poll = time.Second
		if events == nil {
			poll = 200 * time.Millisecond
		}
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-events:
		}
		noticed := time.Now()
		cur, dirs := snapshot(s.dir)
		if len(changes(last, cur)) == 0 {
			continue
		}
		// Settle: until the files stay the same for a moment.
		for {
			quiet := settle
			if events == nil {
				quiet = poll / 2
			}
			waitQuiet(ctx, events, quiet)
			next, nextDirs := snapshot(s.dir)
			if len(changes(cur, next)) == 0 {
				break
			}
			cur, dirs = next, nextDirs
		}
		s.watchDirs(dirs)
		paths := changes(last, cur)
		last = cur
		rel := make([]string, len(paths))
		for i, p := range paths {
			rel[i] = p
			if r, err := filepath.Rel(s.dir, p); err == nil {
				rel[i] = r
			}
		}
		why := strings.Join(rel, ", ")
		if len(rel) > 3 {
			why = strings.Join(rel[:3], ", ") + ", …"
		}
		why += " changed"
		s.mu.Lock()
		embeds := s.embeds
		s.mu.Unlock()
		if needsGoBuild(paths, embeds) {
			s.rebuild(ctx, secret, true, why, noticed)
		} else {
			s.refresh(ctx, secret, why, noticed)
		}
	}
}

// waitQuiet returns once events stayed silent for d (or after d, without
// events).
func waitQuiet(ctx context.Context, events <-chan struct{}, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			return
		case <-events:
			t.Reset(d)
		}
	}
}

// notify watches dirs for changes; the channel receives (coalesced) when
// something happens in one. Nil when the system cannot tell (polling does
// then).
func (s *Server) notify(ctx context.Context, dirs []string) <-chan struct{} {
	n, err := newNotifier()
	if err != nil {
		s.logf("gorsc dev: watching files by polling (%v)", err)
		return nil
	}
	s.notifier = n
	s.watchDirs(dirs)
	out := make(chan struct{}, 1)
	go func() {
		<-ctx.Done()
		n.close()
	}()
	go func() {
		defer func() {
			if e := recover(); e != nil {
				s.logf("gorsc dev: watching files panicked: %v", e)
			}
		}()
		n.run(func() {
			select {
			case out <- struct{}{}:
			default:
			}
		})
	}()
	return out
}

// watchDirs adds dirs to the notifier (again: adding is idempotent, and a
// directory removed and made again needs it).
func (s *Server) watchDirs(dirs []string) {
	if s.notifier == nil {
		return
	}
	for _, d := range dirs {
		s.notifier.add(d)
	}
}

// refreshEmbeds asks go list for the embed patterns again (after a go
// build: only Go files change them).
func (s *Server) refreshEmbeds(ctx context.Context) {
	set, err := listEmbeds(ctx, s.dir)
	if err != nil {
		if ctx.Err() == nil {
			s.logf("gorsc dev: go list (which files the binary embeds): %v", err)
		}
		return
	}
	s.mu.Lock()
	s.embeds = set
	s.mu.Unlock()
}
