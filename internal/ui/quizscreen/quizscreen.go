// Package quizscreen is the quiz screen: it asks the cards of a
// quiz.Session one at a time (recall cards revealed and graded Again to
// Easy, multiple choice, exercises typed and graded by the solution),
// saves each answer to the review log in a command, and ends, when the
// cards run out or the learner presses esc, with the session's summary:
// cards seen, right, again, time spent and when the next card is due.
package quizscreen

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/common"
	"tutor/internal/ui/screen"
	"tutor/internal/visual"
)

// SavedMsg reports that an answer was appended to the review log, or why
// it was not.
type SavedMsg struct {
	Card string
	Err  error
}

type phase int

const (
	asking phase = iota
	answered
	finished
)

// Model is a quiz session on screen.
type Model struct {
	c        *common.Common
	svc      *quiz.Service
	sess     *quiz.Session
	title    string
	phase    phase
	revealed bool
	cursor   int
	picked   int
	right    int
	correct  bool
	hint     string
	early    bool
	ex       visual.Exercise
	input    textinput.Model
	saveErr  string
	saveNote string // saving works again after unsaved answers
	unsaved  int    // answers whose save failed
	saved    int
	// rendered is the recall card on screen, rendered; back is the
	// viewport its back scrolls in.
	rendered *cardRender
	back     viewport.Model
	// promptTop is how far the learner scrolled the prompt of an
	// exercise taller than the screen (its question and answer box stay
	// in view under it); a new card starts it at 0.
	promptTop int
	// promptMax is the last View's furthest promptTop, for the keys.
	promptMax int
	// noCards is set when the deck had no card at all (a note without a
	// section to ask), which is not "every card has been seen".
	noCards bool
}

// New starts a session over deck, titled title (a lesson's title or "all
// lessons"). The command focuses the answer box when the first card is an
// exercise.
func New(c *common.Common, svc *quiz.Service, deck []quiz.Card, title string) (*Model, tea.Cmd) {
	m := &Model{c: c, svc: svc, sess: svc.Start(deck), title: title, input: textinput.New(), back: newBackViewport(), noCards: len(deck) == 0}
	if err := svc.SaveErr(); err != nil {
		m.saveErr = "answers are not being saved: " + saveProblem(err)
	}
	m.input.Prompt = "answer> "
	m.input.CharLimit = 200
	common.SteadyCursor(&m.input)
	return m, m.showCard()
}

// Session is the session on screen.
func (m *Model) Session() *quiz.Session { return m.sess }

// Saved is how many answers reached the review log.
func (m *Model) Saved() int { return m.saved }

// showCard prepares the current card.
func (m *Model) showCard() tea.Cmd {
	m.revealed, m.cursor, m.picked, m.right, m.correct, m.hint = false, 0, -1, -1, false, ""
	m.rendered = nil
	m.back.GotoTop()
	c, ok := m.sess.Current()
	if !ok {
		m.finish()
		return nil
	}
	m.phase = asking
	m.sess.Shown()
	if c.Kind != nil {
		m.ex = m.sess.Exercise()
		m.input.SetValue("")
		return m.input.Focus()
	}
	m.input.Blur()
	return nil
}

// finish ends the session on screen: its clock stops and the summary
// shows.
func (m *Model) finish() {
	m.phase = finished
	m.sess.End()
	m.input.Blur()
}

// Capturing reports whether the answer box has the keyboard.
func (m *Model) Capturing() bool {
	c, ok := m.sess.Current()
	return m.phase == asking && ok && c.Kind != nil
}

// Resize has nothing to lay out: the card is drawn for the size at View.
func (m *Model) Resize() tea.Cmd { return nil }

// grade records an answer: the card's new state now, the log in a command.
func (m *Model) grade(g review.Grade) tea.Cmd { return m.save(m.sess.Grade(g)) }

// save appends rec to the review log in a command.
func (m *Model) save(rec review.Record) tea.Cmd {
	svc := m.svc
	return func() tea.Msg { return SavedMsg{Card: rec.Card, Err: svc.Save(rec)} }
}

func (m *Model) next() tea.Cmd {
	m.sess.Next()
	m.promptTop = 0
	return m.showCard()
}

// answers is "1 answer" or "n answers".
func answers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return fmt.Sprintf("%d answers", n)
}

// Update handles the session's keys and the results of saving.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd, screen.Action) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case SavedMsg:
		if msg.Err != nil {
			m.unsaved++
			m.saveErr = fmt.Sprintf("answers are not being saved: %s (%s of this session not saved)", saveProblem(msg.Err), answers(m.unsaved))
			m.saveNote = ""
		} else {
			m.saved++
			// Saving works again: say so, and what was lost before.
			m.saveErr = ""
			if m.unsaved > 0 {
				m.saveNote = fmt.Sprintf("answers are being saved again; %s of this session could not be saved", answers(m.unsaved))
			}
		}
		return m, nil, screen.None
	case tea.KeyPressMsg:
		switch {
		case m.phase == finished && key.Matches(msg, k.Back, k.Open):
			return m, nil, screen.Action{Go: screen.Back}
		case m.phase == finished:
			return m, nil, screen.None
		case key.Matches(msg, k.Back) && m.sess.Answers == 0:
			// Nothing answered: there is nothing to sum up.
			return m, nil, screen.Action{Go: screen.Back}
		case key.Matches(msg, k.Back):
			m.early = true
			m.finish()
			return m, nil, screen.None
		}
		c, ok := m.sess.Current()
		if !ok {
			return m, nil, screen.None
		}
		switch {
		case c.Item != nil && c.Item.Kind == lessons.Recall:
			return m, m.updateRecall(msg), screen.None
		case c.Item != nil:
			return m, m.updateChoice(msg, c.Item), screen.None
		default:
			return m.updateExercise(msg, c)
		}
	}
	if m.Capturing() {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd, screen.None
	}
	return m, nil, screen.None
}

func (m *Model) gradeKey(msg tea.KeyPressMsg) (review.Grade, bool) {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Grade1):
		return review.Again, true
	case key.Matches(msg, k.Grade2):
		return review.Hard, true
	case key.Matches(msg, k.Grade3):
		return review.Good, true
	case key.Matches(msg, k.Grade4):
		return review.Easy, true
	}
	return 0, false
}

func (m *Model) updateRecall(msg tea.KeyPressMsg) tea.Cmd {
	if !m.revealed {
		if key.Matches(msg, m.c.Keys.Reveal, m.c.Keys.Open) {
			m.revealed = true
		}
		return nil
	}
	if m.scrollBack(msg) {
		return nil
	}
	if g, ok := m.gradeKey(msg); ok {
		save := m.grade(g)
		return tea.Batch(save, m.next())
	}
	return nil
}

func (m *Model) updateChoice(msg tea.KeyPressMsg, it *lessons.Item) tea.Cmd {
	k := m.c.Keys
	if m.phase == answered {
		if key.Matches(msg, k.Next) {
			return m.next()
		}
		return nil
	}
	pick := -1
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = (m.cursor + len(it.Choices) - 1) % len(it.Choices)
	case key.Matches(msg, k.Down):
		m.cursor = (m.cursor + 1) % len(it.Choices)
	case key.Matches(msg, k.Open):
		pick = m.cursor
	default:
		if n, err := strconv.Atoi(msg.String()); err == nil && n >= 1 && n <= len(it.Choices) {
			pick = n - 1
		}
	}
	if pick < 0 {
		return nil
	}
	m.picked, m.cursor, m.phase = pick, pick, answered
	var rec review.Record
	m.correct, m.right, rec = m.sess.Choose(pick)
	return m.save(rec)
}

func (m *Model) updateExercise(msg tea.KeyPressMsg, c quiz.Card) (screen.Screen, tea.Cmd, screen.Action) {
	k := m.c.Keys
	if m.phase == answered {
		switch {
		case key.Matches(msg, k.Next):
			return m, m.next(), screen.None
		case key.Matches(msg, k.Watch) && m.ex.Args != nil:
			return m, nil, screen.Action{Go: screen.ShowRun, Lesson: c.Lesson, Args: m.ex.Args}
		}
		return m, nil, screen.None
	}
	// A prompt taller than the screen scrolls under the fixed question
	// and box (View keeps promptTop within the prompt); j and k are typed.
	page := max(m.c.Height/2, 1)
	switch msg.String() {
	case "up":
		m.promptTop = max(m.promptTop-1, 0)
		return m, nil, screen.None
	case "pgup":
		m.promptTop = max(m.promptTop-page, 0)
		return m, nil, screen.None
	case "down":
		m.promptTop = min(m.promptTop+1, m.promptMax)
		return m, nil, screen.None
	case "pgdown":
		m.promptTop = min(m.promptTop+page, m.promptMax)
		return m, nil, screen.None
	}
	if key.Matches(msg, k.Submit) {
		if strings.TrimSpace(m.input.Value()) == "" {
			return m, nil, screen.None
		}
		right, hint, graded, rec := m.sess.Submit(m.input.Value())
		if !graded {
			m.hint = hint
			return m, nil, screen.None
		}
		m.correct, m.hint = right, ""
		m.phase = answered
		m.input.Blur()
		return m, m.save(rec), screen.None
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd, screen.None
}

// when renders the time until a card is due: "<1m", "10m", "3h", "2d".
func when(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	case d < 365*24*time.Hour:
		return fmt.Sprintf("%dd", int(d.Hours()/24+0.5))
	}
	return fmt.Sprintf("%.1fy", d.Hours()/24/365)
}

// Help is the quiz's keys for the help view.
func (m *Model) Help() (string, [][]key.Binding) {
	k := m.c.Keys
	// ↑↓ and enter do one thing on a choice card and another elsewhere:
	// the help names both, each once.
	up, down, pick := k.Up, k.Down, k.Open
	up.SetHelp("↑/k", "previous choice")
	down.SetHelp("↓/j", "next choice")
	pick.SetHelp("enter", "choose")
	digits := key.NewBinding(key.WithKeys("1"), key.WithHelp("1-9", "choose that one"))
	next := k.Next
	next.SetHelp("enter/space", "next card")
	return "quiz", [][]key.Binding{
		{k.Reveal, k.Grade1, k.Grade2, k.Grade3, k.Grade4},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{up, down, pick, digits},
		{k.Submit, k.Watch, next, k.Back, k.Help},
	}
}

// tail is what the screen says under the card about saving answers.
func (m *Model) tail() string {
	st, w := m.c.Styles, m.c.Width
	switch {
	case m.saveErr != "":
		return "\n\n" + st.Error.Render(common.Indent(hangWords("", m.saveErr, max(w-2, 12))))
	case m.saveNote != "":
		return "\n\n" + st.Muted.Render(common.Indent(hangWords("", m.saveNote, max(w-2, 12))))
	}
	return ""
}

// room is the rows the card has: the screen less the header, its gap, the
// footer and the tail.
func (m *Model) room() int {
	return max(m.c.Height-1, 1) - 1 - len(m.headerGap()) - strings.Count(m.tail(), "\n")
}

// headerGap is the blank line under the header, which a short screen
// gives to the card.
func (m *Model) headerGap() string {
	if m.c.Height < 16 {
		return ""
	}
	return "\n"
}

// View draws the session: the card, or the score at the end.
func (m *Model) View() string {
	c, s := m.c, m
	st := c.Styles
	w := c.Width
	var b strings.Builder
	b.WriteString(s.header(w) + "\n" + s.headerGap())
	body := ""
	var keysLine []key.Binding
	k := c.Keys
	switch {
	case s.sess.Len() == 0:
		body = "Nothing to review: no card is due and every card has been seen.\nCome back later, or open a lesson."
		if s.noCards {
			body = "Nothing to review: " + lessons.SanitizeLine(s.title) + " has no cards to ask.\nOpen a lesson with a quiz, or add sections to the note."
		}
		if n := s.sess.Summary().LeftNew; n > 0 {
			// The cap on new cards holds them back: the cards have not
			// been seen.
			body = hangWords("", fmt.Sprintf("Nothing to review: no card is due, and %d new cards wait past the caps (--new, --max).", n), max(w-4, 12)) + "\nCome back later, or raise --new."
		}
		keysLine = []key.Binding{k.Back}
	case s.phase == finished:
		body = s.summary()
		leave := key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", "leave the quiz"))
		keysLine = []key.Binding{leave}
	}
	tail := s.tail()
	room := s.room()
	card, asked := s.sess.Current()
	var lines []string
	switch {
	case s.sess.Len() > 0 && s.phase != finished && asked && card.Item != nil && card.Item.Kind == lessons.Recall:
		// A recall card keeps its front in view and scrolls its back.
		body, keysLine = s.recallView(card, room)
		lines = strings.Split(body, "\n")
	default:
		var lay cardLayout
		if s.sess.Len() > 0 && s.phase != finished {
			body, keysLine, lay = s.cardView(card)
		}
		wrap := func(t string) []string { return strings.Split(common.Indent(common.Wrap(t, max(w-4, 1))), "\n") }
		lines = wrap(body)
		switch {
		case len(lines) <= room || room <= 2:
		case s.phase == asking && lay.pin > 0 && len(wrap(body[lay.pin:])) < room-1:
			// An exercise keeps its question and answer box in view;
			// the prompt above them scrolls (pgup/pgdn, ↑/↓).
			head := wrap(strings.TrimSuffix(body[:lay.pin], "\n"))
			tail := wrap(body[lay.pin:])
			s.promptMax = max(len(head)-(room-len(tail))+1, 0)
			lines = append(s.window(head, room-len(tail), s.promptTop, -1, " (pgdn)"), tail...)
		case s.phase == asking && lay.focusEnd > 0:
			// A choice card keeps the option under the cursor in view.
			lo := len(wrap(body[:lay.focusStart])) - 1
			hi := len(wrap(body[:lay.focusEnd])) - 1
			lines = s.window(lines, room, 0, (lo+hi)/2, "")
		case s.phase == answered || s.phase == asking && lay.pin > 0:
			// Answered: its end, the verdict and explanation; an exercise
			// too tall for its question and box under a scrolling prompt:
			// its end, the box and a hint on the answer's form.
			lines = append([]string{st.Muted.Render(" ↑ …")}, lines[len(lines)-room+1:]...)
		}
	}
	b.WriteString(strings.Join(lines, "\n") + tail)
	out := common.Fit(b.String(), w, max(c.Height-1, 1))
	return out + "\n" + s.footer(keysLine, w)
}

// cardLayout is where, in a card's text, the parts View keeps in view
// begin: pin, the question and answer box of an exercise (0: none);
// focusStart and focusEnd, the option under the cursor (0: none).
type cardLayout struct{ pin, focusStart, focusEnd int }

// window is rows lines of lines around line focus (or, when focus < 0,
// from line top, which it keeps within bounds), a first line "↑ …" when
// lines above are left out and a last "↓ more" when lines below are.
func (s *Model) window(lines []string, rows, top, focus int, keys string) []string {
	if len(lines) <= rows {
		return lines
	}
	st := s.c.Styles
	if rows < 3 {
		return lines[:rows]
	}
	if focus >= 0 {
		top = focus - (rows-2)/2
	}
	top = max(0, min(top, len(lines)-rows+1))
	if top == 1 {
		top = 0
	}
	out := []string{}
	end := top + rows
	if top > 0 {
		out = append(out, st.Muted.Render(" ↑ …"))
		top++
	}
	if end < len(lines) {
		end--
	}
	end = min(end, len(lines))
	out = append(out, lines[top:end]...)
	if end < len(lines) {
		out = append(out, st.Muted.Render(fmt.Sprintf(" ↓ %d more lines%s", len(lines)-end, keys)))
	}
	return out
}

func (s *Model) cardView(card quiz.Card) (string, []key.Binding, cardLayout) {
	var lay cardLayout
	c := s.c
	st := c.Styles
	k := c.Keys
	var b strings.Builder
	kind := "recall"
	switch {
	case card.Kind != nil:
		kind = "exercise · " + card.Kind.Title
	case card.Item.Kind == lessons.Choice:
		kind = "choice"
	}
	b.WriteString(st.Muted.Render(fmt.Sprintf("[%s] %s", kind, card.Lesson)) + "\n\n")
	switch {
	case card.Item != nil:
		it := card.Item
		b.WriteString(st.Accent.Render(it.Question) + "\n\n")
		for i, idx := range s.sess.Order() {
			ch := it.Choices[idx]
			mark := "  "
			if i == s.cursor && s.phase == asking {
				mark = "> "
			}
			style := st.Theme.Text
			if s.phase == answered {
				switch {
				case i == s.right:
					mark, style = "✓ ", st.Good
				case i == s.picked:
					mark, style = "✗ ", st.Bad
				}
			} else if i == s.cursor {
				style = st.Selected
			}
			if i == s.cursor && s.phase == asking {
				lay.focusStart = b.Len()
			}
			b.WriteString(style.Render(hang(fmt.Sprintf("%s%d. ", mark, i+1), ch, max(c.Width-4, 8))) + "\n")
			if i == s.cursor && s.phase == asking {
				lay.focusEnd = b.Len() - 1
			}
		}
		if s.phase == answered {
			verdict := st.Good.Render("Right.")
			if !s.correct {
				verdict = st.Bad.Render("Not quite.")
			}
			b.WriteString("\n" + verdict + " " + it.Explain)
			return b.String(), []key.Binding{k.Next, s.backKey()}, lay
		}
		up, down, pick := k.Up, k.Down, k.Open
		up.SetHelp("↑/k", "up")
		down.SetHelp("↓/j", "down")
		pick.SetHelp("enter", "choose")
		digits := key.NewBinding(key.WithKeys("1"), key.WithHelp(fmt.Sprintf("1-%d", len(it.Choices)), "choose that one"))
		return b.String(), []key.Binding{up, down, pick, digits, s.backKey()}, lay
	default:
		// The question's last line (what to answer) stays with the box.
		q := st.Accent.Render(s.ex.Question)
		lay.pin = b.Len()
		if i := strings.LastIndex(q, "\n"); i >= 0 {
			lay.pin += i + 1
		}
		b.WriteString(q + "\n\n")
		if s.phase == asking {
			b.WriteString(s.input.View())
			if s.hint != "" {
				b.WriteString("\n\n" + st.Bad.Render("Not in the expected form:") + " " + s.hint + "\n" + st.Muted.Render("edit the answer and press enter again"))
			}
			return b.String(), []key.Binding{k.Submit, s.backKey()}, lay
		}
		b.WriteString("your answer: " + s.input.Value() + "\n\n")
		if s.correct {
			b.WriteString(st.Good.Render("Right.") + " " + s.ex.Answer)
		} else {
			b.WriteString(st.Bad.Render("Not quite.") + " The answer is: " + s.ex.Answer)
		}
		bs := []key.Binding{k.Next}
		if s.ex.Args != nil {
			b.WriteString("\n\n" + st.Muted.Render("press v to watch the solution compute it"))
			bs = append(bs, k.Watch)
		}
		return b.String(), append(bs, s.backKey()), lay
	}
}

// backKey is esc as the footer names it: it leaves at once before any
// answer, and after one ends the session on its summary.
func (s *Model) backKey() key.Binding {
	b := s.c.Keys.Back
	if s.sess.Answers > 0 {
		b.SetHelp(b.Help().Key, "end quiz")
	}
	return b
}

// hang wraps text to width after prefix, with later lines indented under
// the text rather than under the prefix.
func hang(prefix, text string, width int) string {
	pad := strings.Repeat(" ", len([]rune(prefix)))
	wrapped := common.Wrap(text, max(width-len(pad), 1))
	return prefix + strings.ReplaceAll(wrapped, "\n", "\n"+pad)
}

// summary is the end of a session, wherever it ended.
func (s *Model) summary() string {
	sum := s.sess.Summary()
	var b strings.Builder
	switch {
	case s.early:
		b.WriteString("Session ended early.\n\n")
	default:
		b.WriteString("Session over.\n\n")
	}
	fmt.Fprintf(&b, "cards     %d seen, %s\n", sum.Seen, answers(sum.Answers))
	fmt.Fprintf(&b, "right     %d\n", sum.Right)
	fmt.Fprintf(&b, "again     %d\n", sum.Again)
	fmt.Fprintf(&b, "time      %s\n", spent(sum.Time))
	fmt.Fprintf(&b, "next due  %s\n", nextDue(sum.NextDue, sum.Now))
	var later []string
	if sum.Unasked > 0 {
		later = append(later, fmt.Sprintf("%d not asked", sum.Unasked))
	}
	if sum.Waiting > 0 {
		later = append(later, fmt.Sprintf("%d to ask again", sum.Waiting))
	}
	if sum.LeftDue > 0 {
		later = append(later, fmt.Sprintf("%d due cards past the session's cap", sum.LeftDue))
	}
	if sum.LeftNew > 0 {
		later = append(later, fmt.Sprintf("%d new cards past the caps (--new, --max)", sum.LeftNew))
	}
	if len(later) > 0 {
		// Wrapped at spaces under the value column, so that "--new"
		// stays whole (View wraps the rest at the same width).
		b.WriteString(hangWords("left      ", strings.Join(later, "; "), max(s.c.Width-4, 12)) + "\n")
	}
	return b.String()
}

// saveProblem is why the log cannot be written, said once: the path and
// the system's reason ("/s/reviews.jsonl: is a directory") when the error
// holds them, rather than the log's own wrapping of the same path.
func saveProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return lessons.SanitizeLine(pe.Path + ": " + pe.Err.Error())
	}
	return lessons.SanitizeLine(err.Error())
}

// hangWords is prefix and text wrapped to width at text's spaces only,
// later lines indented under the text; a word wider than the room is left
// whole for the screen's own wrap.
func hangWords(prefix, text string, width int) string {
	pad := strings.Repeat(" ", ansi.StringWidth(prefix))
	var lines []string
	line := prefix
	for i, w := range strings.Fields(text) {
		switch {
		case i == 0:
			line += w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = pad + w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// spent renders the time a session took: "45s", "3m20s", "1h05m".
func spent(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// nextDue says when first comes back, seen at now.
func nextDue(first, now time.Time) string {
	if first.IsZero() {
		return "nothing scheduled"
	}
	if !first.After(now) {
		return "now"
	}
	return "in " + when(first.Sub(now))
}
