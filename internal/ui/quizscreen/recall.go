package quizscreen

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/quiz"
	"tutor/internal/ui/common"
	"tutor/internal/ui/markdown"
)

// A recall card of a note is drawn as the note is: its front and back are
// markdown, rendered by markdown.Card at the card's width (a quiz file's
// item is plain text, wrapped). The front stays at the
// top while a long back scrolls under it in a viewport, with the grade
// buttons below.

// cardRender is a recall card's front and back rendered for one width and
// style.
type cardRender struct {
	id    string
	width int
	style string
	front []string // plain lines, the markup rendered away
	back  string   // glamour's lines
}

// render returns card's render for the screen's width and style, made
// when the card, the width or the style changed.
func (m *Model) render(card quiz.Card) *cardRender {
	w, style := max(m.c.Width-2, 8), m.c.Styles.Glamour
	if r := m.rendered; r != nil && r.id == card.ID && r.width == w && r.style == style {
		return r
	}
	r := &cardRender{id: card.ID, width: w, style: style}
	if !card.Item.Markdown {
		// A quiz file's item is plain text, shown as it is written.
		r.front = strings.Split(common.Wrap(card.Item.Front, max(m.c.Width-4, 1)), "\n")
		r.back = common.Indent(common.Wrap(card.Item.Back, max(m.c.Width-4, 1)))
		m.rendered = r
		m.back.SetContent(r.back)
		return r
	}
	front, err := markdown.Card(card.Item.Front, w, "notty")
	if err != nil {
		front = common.Wrap(card.Item.Front, w)
	}
	for _, l := range strings.Split(ansi.Strip(front), "\n") {
		// glamour's margin: the screen indents the card itself.
		r.front = append(r.front, strings.TrimPrefix(l, "  "))
	}
	back, err := markdown.Card(card.Item.Back, w+2, style)
	if err != nil {
		back = common.Wrap(card.Item.Back, w) + "\n\n" + err.Error()
	}
	// One column of glamour's margin of two: the back starts where the
	// front does.
	lines := strings.Split(back, "\n")
	for i, l := range lines {
		lines[i] = ansi.TruncateLeft(l, 1, "")
	}
	// glamour opens a code block, a list or a table with a blank line.
	for len(lines) > 1 && strings.TrimSpace(ansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	back = strings.Join(lines, "\n")
	r.back = back
	m.rendered = r
	m.back.SetContent(back)
	return r
}

// recallLayout is how the rows of the screen are shared out on a recall
// card: the lines above the back (kind, front), the back's height, and
// whether to draw the blank lines between the parts.
type recallLayout struct {
	front  []string
	height int // rows of the back's viewport
	gaps   bool
	kind   bool
}

// layout shares out room rows among the parts of a revealed recall card:
// the front first (at most a third of the screen, cut with …), the buttons
// and, when the back does not fit, a line that says where it is; the back
// takes the rest. The blank lines and the kind line go first when the
// screen is short.
func (m *Model) layout(r *cardRender, room, buttons int) recallLayout {
	lay := recallLayout{front: r.front, gaps: true, kind: true}
	if limit := max(room/3, 1); len(lay.front) > limit {
		lay.front = append(append([]string(nil), lay.front[:limit-1]...), ansi.Truncate(lay.front[limit-1], r.width-1, "")+"…")
	}
	fixed := func() int {
		n := len(lay.front) + buttons
		if lay.kind {
			n++
		}
		if lay.gaps {
			n += 3 // after the kind, after the front, before the buttons
		}
		return n
	}
	backLines := strings.Count(r.back, "\n") + 1
	if room-fixed() < min(backLines, 3) {
		lay.gaps = false
	}
	if room-fixed() < min(backLines, 2) {
		lay.kind = false
	}
	lay.height = max(room-fixed(), 1)
	if backLines > lay.height && lay.height > 1 {
		lay.height-- // the line that says where the back is
	}
	lay.height = min(lay.height, backLines)
	return lay
}

// scrollBack moves the back's viewport for a scrolling key, and reports
// whether msg was one.
func (m *Model) scrollBack(msg tea.KeyPressMsg) bool {
	k := m.c.Keys
	if card, ok := m.sess.Current(); ok && card.Item != nil {
		m.place(card, m.room()) // the size the keys scroll by
	}
	return common.Scroll(&m.back, msg, k)
}

// recallView draws a recall card in room rows: its kind, its front, and
// once revealed its back (scrolling) and the grade buttons.
func (m *Model) recallView(card quiz.Card, room int) (string, []key.Binding) {
	st, k := m.c.Styles, m.c.Keys
	r := m.render(card)
	kind := st.Muted.Render(fmt.Sprintf("[recall] %s", card.Lesson))
	var front []string
	for _, l := range r.front {
		front = append(front, st.Accent.Render(l))
	}
	if !m.revealed {
		lines := append([]string{kind, ""}, front...)
		lines = append(lines, "", st.Muted.Render("think of the answer, then press space"))
		return common.Indent(strings.Join(lines, "\n")), []key.Binding{k.Reveal, m.backKey()}
	}
	lay, buttons := m.place(card, room)
	front = front[:len(lay.front)]
	if len(lay.front) > 0 && len(r.front) > len(lay.front) {
		front[len(front)-1] = st.Accent.Render(lay.front[len(lay.front)-1])
	}
	var lines []string
	if lay.kind {
		lines = append(lines, " "+kind)
		if lay.gaps {
			lines = append(lines, "")
		}
	}
	for _, l := range front {
		lines = append(lines, " "+l)
	}
	if lay.gaps {
		lines = append(lines, "")
	}
	view := strings.TrimRight(m.back.View(), "\n")
	lines = append(lines, strings.Split(view, "\n")...)
	total := m.back.TotalLineCount()
	scrolls := total > lay.height
	if scrolls {
		first := m.back.YOffset() + 1
		last := min(m.back.YOffset()+lay.height, total)
		where := fmt.Sprintf(" lines %d-%d of %d", first, last, total)
		switch {
		case m.back.AtTop():
			where += " · ↓ more"
		case m.back.AtBottom():
			where += " · ↑ above"
		default:
			where += " · ↑↓ more"
		}
		lines = append(lines, st.Muted.Render(where))
	}
	if lay.gaps {
		lines = append(lines, "")
	}
	for _, b := range buttons {
		lines = append(lines, " "+b)
	}
	keys := []key.Binding{k.Grade1, k.Grade2, k.Grade3, k.Grade4}
	if scrolls {
		scroll := key.NewBinding(key.WithKeys("down"), key.WithHelp("↑↓/jk", "scroll"))
		keys = append(keys, scroll)
	}
	return strings.Join(lines, "\n"), append(keys, m.backKey())
}

// place lays a revealed recall card out in room rows and sizes the back's
// viewport for it; it returns the layout and the lines of grade buttons.
func (m *Model) place(card quiz.Card, room int) (recallLayout, []string) {
	r := m.render(card)
	buttons := strings.Split(common.Wrap(m.gradeButtons(), max(m.c.Width-4, 1)), "\n")
	lay := m.layout(r, room, len(buttons))
	m.back.SetWidth(m.c.Width - 1)
	m.back.SetHeight(lay.height)
	// A taller screen shows more of the back: keep no rows empty below it.
	m.back.SetYOffset(min(m.back.YOffset(), max(m.back.TotalLineCount()-lay.height, 0)))
	return lay, buttons
}

// gradeButtons is the row of grades with the interval each gives.
func (m *Model) gradeButtons() string {
	prev := m.sess.Preview()
	names := []string{"again", "hard", "good", "easy"}
	var btns []string
	for i, n := range names {
		// No-break spaces keep a button on one line when the row wraps.
		btns = append(btns, strings.ReplaceAll(fmt.Sprintf("[%d %s · %s]", i+1, n, when(prev[i])), " ", "\u00a0"))
	}
	return strings.Join(btns, "  ")
}

// newBackViewport is the viewport a recall card's back scrolls in; its
// keys come from the app's key map (scrollBack).
func newBackViewport() viewport.Model {
	v := viewport.New()
	v.KeyMap = viewport.KeyMap{}
	return v
}
