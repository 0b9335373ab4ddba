//go:build unix

package review

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) this process has used, so
// benchmarks can report cost per record even on a machine so loaded that
// wall time mostly measures waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
