//go:build unix

package filelock

import (
	"os"
	"syscall"
)

// OpenNonblock, added to os.OpenFile's flags, keeps a named pipe in a
// file's place from blocking the open; the caller then refuses it as not
// a regular file.
const OpenNonblock = syscall.O_NONBLOCK

func lock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	return flock(f, how)
}

func unlock(f *os.File) error { return flock(f, syscall.LOCK_UN) }

// flock calls flock(2) on f's descriptor, again when a signal interrupts
// the wait.
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
