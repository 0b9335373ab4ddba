package lesson

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/ui/stepper"
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

// TestPaste: a bracketed paste goes into the search box and the visual's
// input box (it used to be dropped); one too long for the box is refused
// whole with the reason, and keys typed into a full box say how many were
// not taken, instead of being cut without a word.
func TestPaste(t *testing.T) {
	c := newCommon(120, 40)
	m := open(t, c, countLesson(), counter)

	press(t, m, "/")
	send(t, m, tea.PasteMsg{Content: "Paragraph\x1b[31m line 3"})
	if got := m.search.Value(); got != "Paragraph line 3" {
		t.Errorf("search box holds %q after a paste", got)
	}
	send(t, m, tea.PasteMsg{Content: strings.Repeat("x", 100<<10)})
	if got := m.search.Value(); got != "Paragraph line 3" || !strings.Contains(screenText(m), "a paste of 102400 characters: a search takes at most 200: nothing pasted") {
		t.Errorf("a 100 KB paste into the search: box %.40q:\n%s", got, screenText(m))
	}
	press(t, m, "enter")
	if len(m.matches) == 0 {
		t.Error("the pasted search found nothing")
	}

	press(t, m, "e")
	if !m.vis.Editing() {
		t.Fatal("e did not open the input box")
	}
	m.vis.SetInput("")
	send(t, m, tea.PasteMsg{Content: "--n 7"})
	if got := m.vis.Input(); got != "--n 7" {
		t.Errorf("input box holds %q after a paste", got)
	}
	send(t, m, tea.PasteMsg{Content: strings.Repeat("y", 100<<10)})
	if got := m.vis.Input(); got != "--n 7" || !strings.Contains(m.vis.Err(), "a paste of 102400 characters: the input takes at most 512") {
		t.Errorf("a 100 KB paste into the input: box %.40q, err %q", got, m.vis.Err())
	}
	m.vis.SetInput(strings.Repeat("z", stepper.InputLimit))
	typeText(t, m, "abc")
	if got := m.vis.Input(); len(got) != stepper.InputLimit || !strings.Contains(m.vis.Err(), "the input takes at most 512 characters: what was typed after that was not taken") {
		t.Errorf("typing into a full box: %d characters, err %q", len(got), m.vis.Err())
	}
	// Keys the full box does not take redraw nothing: 100 KB typed into
	// it used to lock the screen for over a minute, a full redraw a key.
	before := m.View()
	typeText(t, m, "more")
	if !m.memo.ok || m.View() != before {
		t.Error("a key the full box did not take made the screen draw again")
	}
	m.vis.SetInput("--n 7")
	press(t, m, "enter")
	if args := m.vis.Args(); strings.Join(args, " ") != "--n 7" {
		t.Errorf("the pasted input ran as %q", args)
	}
}
