package devserver

import (
	"os"

	"golang.org/x/sys/unix"
)

// notifier tells when something changes in the directories it watches:
// on Linux, inotify. Events are not read one by one: a change is followed
// by a snapshot of the app's files (watch.go), which says what changed.
//
// (Not fsnotify: an app's go.sum, which "go run
// github.com/gorsc/gorsc/cmd/gorsc dev" reads, has no entry for it, while
// golang.org/x/sys is there already.)
type notifier interface {
	add(dir string) error
	// run calls changed after each batch of events until close.
	run(changed func())
	close() error
}

type inotify struct {
	fd int
	f  *os.File // fd, read through the runtime's poller: close stops a read
}

func newNotifier() (notifier, error) {
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		return nil, err
	}
	return &inotify{fd: fd, f: os.NewFile(uintptr(fd), "inotify")}, nil
}

const inotifyMask = unix.IN_CREATE | unix.IN_DELETE | unix.IN_MODIFY | unix.IN_CLOSE_WRITE | unix.IN_MOVED_FROM | unix.IN_MOVED_TO | unix.IN_ATTRIB | unix.IN_ONLYDIR

func (n *inotify) add(dir string) error {
	_, err := unix.InotifyAddWatch(n.fd, dir, inotifyMask)
	return err
}

func (n *inotify) run(changed func()) {
	buf := make([]byte, 64<<10)
	for {
		if _, err := n.f.Read(buf); err != nil {
			return
		}
		changed()
	}
}

func (n *inotify) close() error { return n.f.Close() }
