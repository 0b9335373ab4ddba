package lesson

import (
	"testing"
)

// TestResizeStormOneRender: resizes during a render start no render of
// their own (a 50,000-heading note took 8.7 GB after six); when the
// render under way returns, the size wanted by then is rendered, once.
func TestResizeStormOneRender(t *testing.T) {
	c := newCommon(80, 24)
	l := plainLesson()
	m, cmd := New(c, l, nil, nil)
	drive(t, m, cmd, 0)
	first := m.Resize()
	if first == nil {
		t.Fatal("no render for the first size")
	}
	started := 0
	for w := 30; w < 80; w++ {
		c.Width = w
		if m.Resize() != nil {
			started++
		}
	}
	if started != 0 {
		t.Fatalf("%d more renders started while one was under way", started)
	}
	msg := first().(RenderedMsg)
	_, next, _ := m.Update(msg)
	if next == nil {
		t.Fatal("the size wanted now was not rendered after the first render")
	}
	last := next().(RenderedMsg)
	if last.Key != m.wantKey() {
		t.Errorf("rendered %+v, want %+v", last.Key, m.wantKey())
	}
	if _, again, _ := m.Update(last); again != nil {
		t.Error("a render of the size on show asked for another")
	}
	if m.NoteLines() == 0 {
		t.Error("the note is not shown")
	}
}
