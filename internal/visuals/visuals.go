// Package visuals lists every visualization the app and `tutor trace`
// offer. Each lives in a folder below this one as a visual.Spec; adding one
// is a line in All (docs/visuals.md gives the steps).
package visuals

import (
	"tutor/internal/visual"
	"tutor/internal/visuals/creditviz"
	"tutor/internal/visuals/ipviz"
	"tutor/internal/visuals/kvviz"
	"tutor/internal/visuals/treeviz"
)

// All returns the visualizations, in the order `tutor trace --help` lists
// them.
func All() []visual.Visual {
	return []visual.Visual{
		kvviz.New(),
		creditviz.New(),
		treeviz.New(),
		ipviz.New(),
	}
}

// Lookup returns the visualization named name, or false.
func Lookup(name string) (visual.Visual, bool) {
	for _, v := range All() {
		if v.Name() == name {
			return v, true
		}
	}
	return nil, false
}
