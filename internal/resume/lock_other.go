//go:build !unix

package resume

import "os"

const openNonblock = 0

// lockFile does nothing where flock(2) does not exist: there, two copies
// saving at once may lose one's place (the file stays whole: the rename
// is atomic).
func lockFile(f *os.File) error { return nil }

// unlockFile does nothing where flock(2) does not exist.
func unlockFile(f *os.File) error { return nil }
