package quizscreen

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/common"
)

// header is the quiz's title line, fitted to w columns by dropping its
// least useful parts first: the long form of the card count, then
// "Quiz", then the count of right answers; the lesson's title is cut last,
// with "…".
func (m *Model) header(w int) string {
	counting := m.phase != finished && m.sess.Len() > 0
	var long, short, right string
	if counting {
		long = fmt.Sprintf("card %d of %d", m.sess.Pos()+1, m.sess.Len())
		short = fmt.Sprintf("%d/%d", m.sess.Pos()+1, m.sess.Len())
		right = fmt.Sprintf("%d right", m.sess.Right)
	}
	tries := [][]string{
		{"Quiz", long, right, m.title},
		{"Quiz", short, right, m.title},
		{short, right, m.title},
		{short, m.title},
	}
	var head string
	for _, parts := range tries {
		var keep []string
		for _, p := range parts {
			if p != "" {
				keep = append(keep, p)
			}
		}
		head = " " + strings.Join(keep, " · ")
		if ansi.StringWidth(head) <= w {
			break
		}
	}
	return m.c.Styles.Header.Render(common.Fit(head, w, 1))
}

// footer is the keys of the card, fitted to w columns, ending with ? help
// unless the answer box has the keyboard (where ? is a letter of the
// answer and opens no help): the four grades become one "1-4 grade" when they do not fit,
// then the bindings between the first and esc go from the last, then the
// descriptions but that of ? help, then the keys before ? help but the
// first.
func (m *Model) footer(bs []key.Binding, w int) string {
	st, k := m.c.Styles, m.c.Keys
	if !m.Capturing() {
		bs = append(bs, k.Help)
	}
	draw := func(bs []key.Binding, descs bool) string {
		var parts []string
		for _, b := range bs {
			h := b.Help()
			if descs || b.Help().Key == "?" {
				parts = append(parts, h.Key+" "+st.Muted.Render(h.Desc))
			} else {
				parts = append(parts, h.Key)
			}
		}
		return " " + strings.Join(parts, st.Muted.Render(" · "))
	}
	fits := func(s string) bool { return ansi.StringWidth(s) <= w }
	if s := draw(bs, true); fits(s) {
		return common.Fit(s, w, 1)
	}
	var grades []key.Binding
	for _, b := range bs {
		switch b.Help().Key {
		case "1":
			grades = append(grades, key.NewBinding(key.WithKeys("1"), key.WithHelp("1-4", "grade")))
		case "2", "3", "4":
		default:
			grades = append(grades, b)
		}
	}
	bs = grades
	if s := draw(bs, true); fits(s) {
		return common.Fit(s, w, 1)
	}
	// Drop the bindings between the first and esc, from the last.
	for len(bs) > 3 {
		i := len(bs) - 3
		if bs[len(bs)-2].Help().Key != k.Back.Help().Key {
			i = len(bs) - 2
		}
		if i < 1 {
			break
		}
		bs = append(bs[:i:i], bs[i+1:]...)
		if s := draw(bs, true); fits(s) {
			return common.Fit(s, w, 1)
		}
	}
	// Then the keys alone, and at last only the first and ? help.
	for len(bs) > 2 {
		if s := draw(bs, false); fits(s) {
			return common.Fit(s, w, 1)
		}
		bs = append(bs[:len(bs)-2:len(bs)-2], bs[len(bs)-1])
	}
	return common.Fit(draw(bs, false), w, 1)
}
