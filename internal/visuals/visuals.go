// Package visuals lists every visualization the app and `tutor trace`
// offer. Each lives in a folder below this one as a visual.Spec, and
// registers itself with one file of this package named after it (kvstore.go
// holds `func init() { register(10, kvviz.New()) }`), so that adding a
// visualization touches no shared line; docs/visuals.md gives the steps.
package visuals

import (
	"cmp"
	"fmt"
	"slices"

	"tutor/internal/visual"
)

// entry is a registered visual and its place in the list.
type entry struct {
	order int
	v     visual.Visual
}

var registered []entry

// register adds v at place order (smaller first). Two visuals of one name
// or one place are a programming error, found at start-up.
func register(order int, v visual.Visual) {
	for _, e := range registered {
		if e.order == order || e.v.Name() == v.Name() {
			panic(fmt.Sprintf("visuals: %s at %d clashes with %s at %d", v.Name(), order, e.v.Name(), e.order))
		}
	}
	registered = append(registered, entry{order, v})
	slices.SortFunc(registered, func(a, b entry) int { return cmp.Compare(a.order, b.order) })
}

// All returns the visualizations, in the order `tutor trace --help` lists
// them.
func All() []visual.Visual {
	vs := make([]visual.Visual, len(registered))
	for i, e := range registered {
		vs[i] = e.v
	}
	return vs
}

// Lookup returns the visualization named name, or false.
func Lookup(name string) (visual.Visual, bool) {
	for _, e := range registered {
		if e.v.Name() == name {
			return e.v, true
		}
	}
	return nil, false
}
