package visual

import (
	"strings"
)

// StepMarker is the comment that marks the line performing a step.
const StepMarker = "// step: "

// StepLines maps each step id marked in src to its line number (1-based).
// A step id marked twice keeps its first line.
func StepLines(src string) map[string]int {
	lines := make(map[string]int)
	for i, line := range strings.Split(src, "\n") {
		_, after, ok := strings.Cut(line, StepMarker)
		if !ok {
			continue
		}
		id := strings.TrimSpace(after)
		if f := strings.Fields(id); len(f) > 0 {
			id = f[0]
		}
		if _, dup := lines[id]; !dup && id != "" {
			lines[id] = i + 1
		}
	}
	return lines
}
