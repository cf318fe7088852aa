//go:build gorsc_prebuilt

package server

import (
	"errors"

	"github.com/gorsc/gorsc/internal/assets"
)

// devState is empty in a binary built with -tags gorsc_prebuilt: it links
// no bundler, so it cannot run under "gorsc dev" (dev.go).
type devState struct{}

func (s *Server) startDev() error {
	return errors.New("gorsc: this binary was built with -tags gorsc_prebuilt, which leaves the bundler out; gorsc dev needs it: build without the tag")
}

func (d *devState) first() (*assets.Result, error) { return nil, errors.New("gorsc: no bundler") }
func (d *devState) started()                       {}
func (s *Server) closeDev()                        {}
