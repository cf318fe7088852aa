package bundle

import (
	"github.com/gorsc/gorsc/internal/assets"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// PublicDir is assets.PublicDir.
const PublicDir = assets.PublicDir

// CopyPublic copies dir/public into out/public, if dir has one; it
// returns the number of files copied.
func CopyPublic(dir, out string) (int, error) {
	src := filepath.Join(dir, PublicDir)
	if st, err := os.Stat(src); err != nil || !st.IsDir() {
		return 0, nil
	}
	n := 0
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(out, PublicDir, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		f, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, in); err != nil {
			f.Close()
			return err
		}
		n++
		return f.Close()
	})
	return n, err
}
