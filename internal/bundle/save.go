package bundle

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/gorsc/gorsc/internal/fizz"
)

// ManifestFile is the name of the manifest that Save writes beside the
// built files.
const ManifestFile = "gorsc-manifest.json"

// manifest is what Save writes: everything of a Result but the file
// contents, which are files of their own.
type manifest struct {
	Version     int                   `json:"version"`
	Development bool                  `json:"development"`
	Bootstrap   string                `json:"bootstrap"`
	Preload     []string              `json:"preload"`
	Modules     map[string]Module     `json:"modules"`
	Stylesheets map[string]Stylesheet `json:"stylesheets,omitempty"`
	Fizz        *fizz.Runtime         `json:"fizz"`
	Files       []string              `json:"files"` // URL paths
	// Server is the file name of the server bundle (ServerFile), or
	// empty for assets without one (client components then render in the
	// browser only).
	Server string `json:"server,omitempty"`
}

// manifestVersion 2 added the server bundle.
const manifestVersion = 2

// ServerFile is the name of the server bundle that Save writes beside the
// built files. It is not served to browsers.
const ServerFile = "gorsc-server.js"

// Save writes the built files and a manifest into dir, so that an app can
// serve them later without Node, node_modules or a build (Load). File
// names are the URL paths without the public prefix.
func (r *Result) Save(dir string, development bool) error {
	m := manifest{Version: manifestVersion, Development: development, Bootstrap: r.Bootstrap, Preload: r.Preload, Modules: r.Modules, Stylesheets: r.Stylesheets, Fizz: r.Fizz}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if r.Server != nil {
		m.Server = ServerFile
		if err := os.WriteFile(filepath.Join(dir, ServerFile), r.Server, 0o644); err != nil {
			return err
		}
	}
	for url, body := range r.Files {
		m.Files = append(m.Files, url)
		if err := os.WriteFile(filepath.Join(dir, path.Base(url)), body, 0o644); err != nil {
			return err
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestFile), append(data, '\n'), 0o644)
}

// Load reads a build that Save wrote into fsys (an os.DirFS, or an
// embed.FS for a single binary). It reports whether the build is a
// development one. Assets of an older gorsc (manifest version 1, no
// server bundle) fail with "rebuild the assets"; a version 2 manifest
// without a server bundle loads with a nil Result.Server.
func Load(fsys fs.FS) (*Result, bool, error) {
	data, err := fs.ReadFile(fsys, ManifestFile)
	if err != nil {
		return nil, false, fmt.Errorf("gorsc: reading the prebuilt assets: %w (build them with: go run github.com/gorsc/gorsc/cmd/gorsc build)", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, false, fmt.Errorf("gorsc: %s: %w", ManifestFile, err)
	}
	if m.Version != manifestVersion {
		return nil, false, fmt.Errorf("gorsc: %s has version %d, this gorsc reads version %d; rebuild the assets", ManifestFile, m.Version, manifestVersion)
	}
	if m.Fizz == nil || m.Bootstrap == "" || m.Server != "" && m.Server != ServerFile {
		return nil, false, fmt.Errorf("gorsc: %s is incomplete; rebuild the assets", ManifestFile)
	}
	r := &Result{Files: map[string][]byte{}, Bootstrap: m.Bootstrap, Preload: m.Preload, Modules: m.Modules, Stylesheets: m.Stylesheets, Fizz: m.Fizz}
	for _, url := range m.Files {
		name := path.Base(url)
		if strings.Contains(name, "..") || name == ManifestFile || name == ServerFile {
			return nil, false, fmt.Errorf("gorsc: %s lists a bad file %q", ManifestFile, url)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, false, fmt.Errorf("gorsc: reading the prebuilt assets: %w", err)
		}
		r.Files[url] = body
	}
	if m.Server != "" {
		if r.Server, err = fs.ReadFile(fsys, ServerFile); err != nil {
			return nil, false, fmt.Errorf("gorsc: reading the prebuilt server bundle: %w", err)
		}
	}
	return r, m.Development, nil
}
