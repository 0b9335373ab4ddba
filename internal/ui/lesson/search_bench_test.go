package lesson

import (
	"testing"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/stepper"
	"tutor/internal/ui/styles"
	"tutor/internal/ui/uitest"
	"tutor/internal/visuals"
)

// BenchmarkViewSearch draws the TCP lesson at 160x48 in colour, the note
// scrolled to where "ack" is on most lines, without the search and with
// it (every match on screen highlighted): the highlight's cost beside the
// plain View, in the same run. The memo is dropped every time, so each op
// draws the whole screen.
func BenchmarkViewSearch(b *testing.B) {
	l, ok := realCatalogB(b).Lookup("tcp")
	if !ok {
		b.Fatal("no tcp lesson")
	}
	v, _ := visuals.Lookup(l.Visual)
	for _, name := range []string{"plain", "search"} {
		b.Run(name, func(b *testing.B) {
			c := &common.Common{Width: 160, Height: 48, Styles: styles.New(true, false), Keys: keys.Default(), Notes: &markdown.Cache{}, Help: help.New()}
			m, cmd := New(c, l, v, nil)
			runAll(b, m, cmd)
			runAll(b, m, m.Resize())
			for _, k := range []string{"/", "a", "c", "k", "enter", "n", "n", "n", "n", "n", "n"} {
				_, cmd, _ := m.Update(uitest.Key(k))
				runAll(b, m, cmd)
			}
			if name == "plain" {
				m.matches = nil
			}
			b.ReportAllocs()
			for b.Loop() {
				m.memo.ok = false
				_ = m.View()
			}
		})
	}
}

func realCatalogB(b *testing.B) *lessons.Catalog {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

// runAll runs cmd and gives m what it returns, as the program would,
// dropping play ticks.
func runAll(b *testing.B, m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil, stepper.TickMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			runAll(b, m, c)
		}
	default:
		_, next, _ := m.Update(msg)
		runAll(b, m, next)
	}
}
