//go:build !unix

package review

import "os"

// lockFile does nothing where flock(2) does not exist: there, two processes
// appending at once rely on O_APPEND alone.
func lockFile(f *os.File, exclusive bool) error { return nil }

// unlockFile does nothing where flock(2) does not exist.
func unlockFile(f *os.File) error { return nil }
