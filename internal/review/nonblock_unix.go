//go:build unix

package review

import "syscall"

// openNonblock opens without waiting for a writer when the path is a
// named pipe; the log is then refused as not a regular file.
const openNonblock = syscall.O_NONBLOCK
