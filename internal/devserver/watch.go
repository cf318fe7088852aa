package devserver

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/typegen"
)

// stamp is what a file looked like at the last poll.
type stamp struct {
	mod  time.Time
	size int64
}

// clientExts are the files the bundler reads at the app's start: a change
// needs a restart, not a go build.
var clientExts = map[string]bool{".tsx": true, ".ts": true, ".jsx": true, ".js": true, ".mjs": true}

// watchedExts are the files whose change needs a go build (the binary
// may embed any of them).
var watchedExts = map[string]bool{".go": true, ".mod": true, ".sum": true, ".css": true, ".html": true,
	".json": true, ".svg": true, ".png": true, ".jpg": true, ".ico": true, ".txt": true, ".md": true}

// snapshot lists the watched files below dir: outside node_modules,
// hidden directories and build output, without the generated types.
func snapshot(dir string) map[string]stamp {
	out := map[string]stamp{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (name == "node_modules" || strings.HasPrefix(name, ".") || assets.HasManifest(os.DirFS(p))) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, typegen.Suffix) || name == bundle.ClientTypesFile || strings.HasSuffix(name, ".d.ts") || name == "package-lock.json" {
			return nil
		}
		ext := filepath.Ext(name)
		if !clientExts[ext] && !watchedExts[ext] {
			return nil
		}
		if info, err := d.Info(); err == nil {
			out[p] = stamp{info.ModTime(), info.Size()}
		}
		return nil
	})
	return out
}

// changes compares two snapshots: the changed paths (relative to dir),
// and whether any of them needs a go build.
func changes(dir string, old, cur map[string]stamp) (paths []string, build bool) {
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
	for i, p := range paths {
		if !clientExts[filepath.Ext(p)] {
			build = true
		}
		if rel, err := filepath.Rel(dir, p); err == nil {
			paths[i] = rel
		}
	}
	return paths, build
}

// watch polls the app's files and rebuilds on changes, waiting for a
// quiet moment (editors write in several steps).
func (s *Server) watch(ctx context.Context, secret string) {
	last := snapshot(s.dir)
	t := time.NewTicker(s.opts.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := snapshot(s.dir)
		paths, build := changes(s.dir, last, cur)
		if len(paths) == 0 {
			continue
		}
		// Settle: until two polls in a row agree.
		for {
			time.Sleep(s.opts.Poll / 2)
			next := snapshot(s.dir)
			more, b := changes(s.dir, cur, next)
			if len(more) == 0 {
				break
			}
			cur, build = next, build || b
		}
		paths, build = changes(s.dir, last, cur)
		last = cur
		why := strings.Join(paths, ", ")
		if len(paths) > 3 {
			why = strings.Join(paths[:3], ", ") + ", …"
		}
		s.rebuild(ctx, secret, build, why+" changed")
	}
}
