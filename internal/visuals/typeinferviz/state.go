package typeinferviz

import (
	"fmt"
	"strings"

	"tutor/solutions/typeinfer"
)

// State is the plain-text state after frame i, for `tutor trace`: where
// the step is and the pair there, the bindings, and in the substitution
// the rewrites so far. It is written only when asked for.
func (r *recording) State(i int) string {
	f := r.frames[i]
	var b strings.Builder
	switch {
	case (f.phase == phWalk || f.phase == phError) && f.param > 0:
		fmt.Fprintf(&b, "at %s: formal %s, actual %s\n", f.at, f.formal, f.actual)
	case f.phase == phSubst:
		var done []string
		for _, rw := range r.rewrites[:f.substs] {
			if rw.formal.Kind() == typeinfer.Generic {
				done = append(done, fmt.Sprintf("%s ⇒ %s at %s", rw.formal, rw.actual, rw.at))
			}
		}
		fmt.Fprintf(&b, "at %s: %s\n", f.at, f.formal)
		if len(done) > 0 {
			fmt.Fprintf(&b, "rewritten: %s\n", strings.Join(done, "; "))
		}
	}
	var binds []string
	for j, bd := range f.bindings {
		s := fmt.Sprintf("%s = %s (%s)", bd.Generic, bd.Type, bd.At)
		if j == f.conflict {
			s += fmt.Sprintf(" ✗ here %s", f.actual)
		}
		binds = append(binds, s)
	}
	if len(binds) == 0 {
		binds = append(binds, "(none)")
	}
	fmt.Fprintf(&b, "bindings: %s", strings.Join(binds, ", "))
	return b.String()
}
