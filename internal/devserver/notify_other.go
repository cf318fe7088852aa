//go:build !linux

package devserver

import "errors"

// notifier tells when something changes in the directories it watches;
// on this system there is none: gorsc dev polls (notify_linux.go).
type notifier interface {
	add(dir string) error
	run(changed func())
	close() error
}

func newNotifier() (notifier, error) {
	return nil, errors.New("no file notifications on this system")
}
