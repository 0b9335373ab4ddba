package ui

import (
	"testing"

	"charm.land/bubbles/v2/key"
)

// TestHelpSaysEachKeyOnce: no screen's help lists the same key with the
// same words twice (the quiz's once had ↑/k scroll up in two groups, the
// second meaning the choice above), and no key is listed twice with two
// meanings in one group.
func TestHelpSaysEachKeyOnce(t *testing.T) {
	screens := map[string]Model{
		"home":   sized(t, newApp(t, Options{}), 120, 40),
		"lesson": sized(t, newApp(t, Options{Open: "count"}), 120, 40),
		"quiz":   sized(t, newApp(t, Options{Quiz: sweepQuiz(), StartQuiz: true}), 120, 40),
	}
	for name, m := range screens {
		_, groups := m.screens[m.state].Help()
		seen := map[key.Help]int{}
		for gi, g := range groups {
			inGroup := map[string]string{}
			for _, b := range g {
				h := b.Help()
				if prev, ok := seen[h]; ok {
					t.Errorf("%s: %q %q is in groups %d and %d", name, h.Key, h.Desc, prev, gi)
				}
				seen[h] = gi
				if desc, ok := inGroup[h.Key]; ok && desc != h.Desc {
					t.Errorf("%s: group %d lists %s as %q and as %q", name, gi, h.Key, desc, h.Desc)
				}
				inGroup[h.Key] = h.Desc
			}
		}
	}
}
