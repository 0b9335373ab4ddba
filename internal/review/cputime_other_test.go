//go:build !unix

package review

import "time"

// cpuTime is not measured where getrusage(2) does not exist.
func cpuTime() time.Duration { return 0 }
