//go:build unix

package resume

import (
	"os"
	"syscall"
)

// openNonblock keeps a named pipe in the file's place from blocking the
// open; it is then refused as not a regular file.
const openNonblock = syscall.O_NONBLOCK

// lockFile takes an exclusive advisory flock(2) on f, waiting for it.
func lockFile(f *os.File) error { return flock(f, syscall.LOCK_EX) }

// unlockFile releases the lock.
func unlockFile(f *os.File) error { return flock(f, syscall.LOCK_UN) }

func flock(f *os.File, how int) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	err = conn.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), how)
			if ferr != syscall.EINTR {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	return ferr
}
