package lesson

import "math"

// Place is where the learner is in the lesson: what a restart restores.
type Place struct {
	// Note is the note's first line on screen as a fraction of its
	// lines, from 0 to 1.
	Note float64
	// Read is the percentage the note's title shows (see noteTitle).
	Read int
	// Args is the visual's input, Step its step on screen (from 0) of
	// Steps; nil and 0 without a visual or before its first run.
	Args        []string
	Step, Steps int
	// Focus is the focused pane; Source whether the source pane shows.
	Focus  Pane
	Source bool
}

// Place reports where the learner is in the lesson.
func (m *Model) Place() Place {
	p := Place{Note: m.anchor, Focus: m.focus, Source: m.showSource}
	if m.noteOK && m.note.TotalLineCount() > 0 {
		p.Note = float64(m.note.YOffset()) / float64(m.note.TotalLineCount())
	}
	p.Note = math.Max(0, math.Min(p.Note, 1))
	p.Read = m.readPercent()
	if m.vis != nil {
		p.Args = m.vis.Args()
		p.Step = m.vis.Frame()
		p.Steps = m.vis.Steps()
		if p.Steps == 0 {
			p.Step = 0
		}
	}
	return p
}

// Restore puts the lesson back at p, as far as it fits: the note scrolls
// there when it is rendered, the visual lands on p's step when its run
// arrives (the last step if the run is shorter), and the focus goes to
// p's pane if the lesson has it. The visual's input is not p's to set: the
// lesson is opened on p.Args.
func (m *Model) Restore(p Place) {
	if !(p.Note >= 0 && p.Note <= 1) {
		p.Note = 0
	}
	m.anchor = p.Note
	if m.noteOK {
		m.note.SetYOffset(int(math.Round(m.anchor * float64(m.note.TotalLineCount()))))
	}
	if m.vis == nil {
		return
	}
	m.showSource = p.Source
	m.focus = NotePane
	for _, q := range m.panes() {
		if q == p.Focus {
			m.focus = q
		}
	}
	m.vis.Restore(p.Step)
	m.memo.ok = false
}
