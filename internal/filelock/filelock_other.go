//go:build !unix

package filelock

import "os"

// OpenNonblock is 0 where opens do not block on named pipes.
const OpenNonblock = 0

func lock(f *os.File, exclusive bool) error { return nil }

func unlock(f *os.File) error { return nil }
