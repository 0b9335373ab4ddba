// Package visuals lists every visualization the app and `tutor trace` offer.
package visuals

import (
	"tutor/internal/ui/creditviz"
	"tutor/internal/ui/ipviz"
	"tutor/internal/ui/kvviz"
	"tutor/internal/ui/treeviz"
	"tutor/internal/visual"
	"tutor/internal/visual/legacy"
)

// All returns the visualizations, in the order `tutor trace --help` lists them.
func All() []visual.Visual {
	return []visual.Visual{
		// Each visualization adds itself here: one line, e.g. kvviz.New(),
		legacy.Adapt(kvviz.New()),
		legacy.Adapt(creditviz.New()),
		legacy.Adapt(treeviz.New()),
		legacy.Adapt(ipviz.New()),
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
