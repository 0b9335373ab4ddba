//go:build unix

package lessons

import "syscall"

const openNonblock = syscall.O_NONBLOCK
