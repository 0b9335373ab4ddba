package visual

import (
	"strings"
)

// StepMarker is the comment that marks the line performing a step.
const StepMarker = "// step: "

// StepLines maps each step id marked in src to its line number (1-based).
// A step id is a word of lower-case letters, digits and dashes
// ("encode-key"); a marker followed by anything else (a doc comment that
// shows the syntax, "// step: <id>") marks nothing. A step id marked twice
// keeps its first line.
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
		if _, dup := lines[id]; !dup && isStepID(id) {
			lines[id] = i + 1
		}
	}
	return lines
}

// isStepID reports whether id is a word of lower-case letters, digits and
// dashes.
func isStepID(id string) bool {
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return id != ""
}
