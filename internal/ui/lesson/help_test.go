package lesson

import "testing"

// TestOnePaneHelpHasNoPaneKeys is the tester's finding: the help of a
// lesson without a visual (one pane) listed tab next pane and shift+tab
// previous pane, which do nothing there. A lesson of panes lists them.
func TestOnePaneHelpHasNoPaneKeys(t *testing.T) {
	has := func(m *Model, key string) bool {
		for _, g := range m.Bindings() {
			for _, b := range g {
				if b.Help().Key == key {
					return true
				}
			}
		}
		return false
	}
	one := open(t, newCommon(80, 24), plainLesson(), nil)
	if has(one, "tab") || has(one, "shift+tab") {
		t.Error("a one-pane lesson's help lists tab or shift+tab")
	}
	two := open(t, newCommon(80, 24), countLesson(), counter)
	if !has(two, "tab") || !has(two, "shift+tab") {
		t.Error("a lesson with a visual lost tab from its help")
	}
}
