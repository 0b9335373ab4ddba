//go:build unix

package review

import (
	"os"
	"syscall"
)

// lockFile takes an advisory flock(2) on f, exclusive or shared, waiting
// for it. The lock belongs to f's open file description, so two Logs on the
// same file exclude each other even inside one process.
func lockFile(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	return flock(f, how)
}

// unlockFile releases the lock taken by lockFile.
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
