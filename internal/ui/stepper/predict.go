package stepper

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

// PredictedMsg is one answer of predict mode, for the review log: the
// visual's predict card (visual.PredictCard) answered right or wrong
// after Took. The pane returns it from a command; the app grades it Good
// or Again, appends the record and answers with a SavedMsg.
type PredictedMsg struct {
	Card  string
	Right bool
	Took  time.Duration
}

// SavedMsg says whether the record of a prediction was saved; Err is why
// not.
type SavedMsg struct{ Err error }

// now is the pane's clock, for the time an answer took.
var now = time.Now

// predictState is predict mode: whether it is on, the question waiting
// for its answer, the count of answers, and the verdict on the last one.
type predictState struct {
	on       bool
	q        visual.Question
	has      bool // q waits for its answer
	shownAt  time.Time
	asked    int
	right    int
	verdict  verdict
	saveErr  string
	lastNote string // why no question was asked
	// mut is the run on a mutated input (visual.Mutate) of mutBase, for
	// alternatives; mutWait the id of its recording under way.
	mut, mutBase visual.Run
	mutWait      int64
}

// verdict is the last answer: right or not, what was chosen, and the
// frame it revealed.
type verdict struct {
	ok     bool
	frame  int
	right  bool
	choice int
	chose  string
	from   string // the mutated input the choice came from, or ""
}

func (p *predictState) asking() bool { return p.on && p.has }

// drop forgets the question waiting, unanswered (the learner moved away,
// or the run changed).
func (p *predictState) drop() { p.has = false }

// verdictAt is the line that says how the answer that revealed frame i
// went, or "".
func (p *predictState) verdictAt(i int) string {
	if !p.on || !p.verdict.ok || p.verdict.frame != i {
		return ""
	}
	if p.verdict.right {
		return "✓ predicted"
	}
	from := ""
	if p.verdict.from != "" {
		from = " (what the run on " + lessons.SanitizeLine(p.verdict.from) + " does)"
	}
	return "✗ not predicted · you chose " + strconv.Itoa(p.verdict.choice+1) + from + ": " + lessons.SanitizeLine(p.verdict.chose)
}

// bindings are the keys while a question waits: a number for each choice,
// j and k to scroll the picture, esc to leave predict mode.
func (p *predictState) bindings(k keys.Map) []key.Binding {
	n := len(p.q.Choices)
	var ks []string
	for i := 1; i <= n; i++ {
		ks = append(ks, strconv.Itoa(i))
	}
	choose := key.NewBinding(key.WithKeys(ks...), key.WithHelp("1-"+strconv.Itoa(n), "choose"))
	scroll := key.NewBinding(key.WithKeys(append(k.Up.Keys(), k.Down.Keys()...)...), key.WithHelp("j/k", "scroll picture"))
	return []key.Binding{choose, scroll, relabel(k.Cancel, "stop predicting")}
}

// Predicting reports whether predict mode is on.
func (m Model) Predicting() bool { return m.pm.on }

// EscBinding is what esc does in the pane, and false when the pane leaves
// esc to the screen: while predict mode is on, with a question waiting or
// not, esc stops it, and the screen's footer shows this binding in place
// of its own esc.
func (m Model) EscBinding() (key.Binding, bool) {
	if !m.pm.on {
		return key.Binding{}, false
	}
	return relabel(m.keys.Cancel, "stop predicting"), true
}

// Predictions are the answers given in predict mode and how many were
// right.
func (m Model) Predictions() (right, asked int) { return m.pm.right, m.pm.asked }

// Question is the question waiting for its answer, and false when none is.
func (m Model) Question() (visual.Question, bool) { return m.pm.q, m.pm.asking() }

// StartPredict turns predict mode on: the next step is asked before it is
// shown (as soon as there is a run).
func (m *Model) StartPredict() tea.Cmd {
	if m.pm.on {
		return nil
	}
	return m.togglePredict()
}

// togglePredict turns predict mode on (asking about the next step at once)
// or off.
func (m *Model) togglePredict() tea.Cmd {
	if m.pm.on {
		m.pm.on, m.pm.has = false, false
		return nil
	}
	// An old refusal is of a key before: the count takes its place.
	m.pm.on, m.playing, m.err = true, false, ""
	return tea.Batch(m.ask(), m.recordMutated())
}

// recordMutated records, in a command, the run on a mutated input that
// questions draw alternatives from, unless it is there for the run on
// screen or on its way.
func (m *Model) recordMutated() tea.Cmd {
	if m.run == nil || m.pm.mutBase == m.run || m.pm.mutWait != 0 {
		return nil
	}
	id := recordings.Add(1)
	m.pm.mutWait = id
	v, base := m.v, m.run
	return func() tea.Msg {
		return RanMsg{id: id, mutated: true, base: base, run: visual.Mutate(v, base)}
	}
}

// askIfPredicting asks about the next step when predict mode is on and
// nothing is asked yet: after a new run.
func (m *Model) askIfPredicting() tea.Cmd {
	if !m.pm.on {
		return nil
	}
	m.pm.mutWait = 0 // a mutation of the last run is of no use now
	if m.pm.has {
		return m.recordMutated()
	}
	return tea.Batch(m.ask(), m.recordMutated())
}

// ask puts up the question about the step after the one on screen; at the
// last step, or when the run offers nothing to choose from, it steps on
// (there is nothing to predict) and the foot says why.
func (m *Model) ask() tea.Cmd {
	m.pm.lastNote = ""
	if m.run == nil || m.tl == nil {
		return nil
	}
	if m.frame >= m.run.Len()-1 {
		m.pm.lastNote = "the run is over"
		return nil
	}
	var mutated visual.Run
	if m.pm.mutBase == m.run {
		mutated = m.pm.mut
	}
	q, ok := visual.Predict(m.run, m.tl, m.frame, seedOf(m.run), mutated)
	if !ok {
		m.frame++
		m.pm.lastNote = "only one thing could happen next: shown"
		return nil
	}
	m.pm.q, m.pm.has, m.pm.shownAt = q, true, now()
	m.scrolled = false
	return nil
}

// seedOf makes a run's questions the same however often they are asked.
func seedOf(r visual.Run) uint64 {
	h := fnv.New64a()
	h.Write([]byte(visual.JoinArgs(r.Args())))
	return h.Sum64()
}

// updateAnswer is a key while a question waits: a choice's number answers
// it, esc (or P) leaves predict mode, ← steps back without answering, and
// the scrolling keys scroll the picture.
func (m Model) updateAnswer(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Cancel), key.Matches(msg, k.Predict):
		m.pm.on, m.pm.has = false, false
		return m, nil, true
	case key.Matches(msg, k.StepBack):
		m.jump(max(m.frame-1, 0))
		return m, nil, true
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		// The question takes the room first: the picture it is about
		// scrolls under it.
		m.scroll(msg)
		return m, nil, true
	}
	c, err := strconv.Atoi(msg.String())
	if err != nil || c < 1 || c > len(m.pm.q.Choices) {
		return m, nil, true // a key that is no choice: the question stays
	}
	return m.answer(c - 1)
}

// answer judges choice c by the solution's own next event, shows that
// event's frame, and returns the command that hands the answer to the
// review log.
func (m Model) answer(c int) (Model, tea.Cmd, bool) {
	q := m.pm.q
	right := c == q.Answer
	m.pm.has, m.err = false, ""
	m.pm.asked++
	if right {
		m.pm.right++
	}
	m.frame = q.At + 1
	m.pm.verdict = verdict{ok: true, frame: m.frame, right: right, choice: c, chose: q.Choices[c], from: q.From[c]}
	msg := PredictedMsg{Card: visual.PredictCard(m.v.Name()), Right: right, Took: max(now().Sub(m.pm.shownAt), 0)}
	return m, func() tea.Msg { return msg }, true
}

// questionView is the question waiting: what happens after this step, and
// the choices, numbered, each wrapped under its number; when that takes
// more than room lines, each choice on one line, cut with …, so every
// choice stays on screen.
func (m Model) questionView(width, room int, st styles.Styles) string {
	q := m.pm.q
	head := fmt.Sprintf("What happens after step %d? Press 1-%d:", q.At+1, len(q.Choices))
	lines := []string{st.Accent.Render(common.Wrap(head, width))}
	for i, c := range q.Choices {
		num := strconv.Itoa(i+1) + " "
		body := common.Wrap(lessons.Sanitize(c), max(width-len(num), 1))
		body = strings.ReplaceAll(body, "\n", "\n"+strings.Repeat(" ", len(num)))
		lines = append(lines, st.Accent.Render(num)+body)
	}
	out := strings.Join(lines, "\n")
	if strings.Count(out, "\n")+1 <= room {
		return out
	}
	lines = []string{st.Accent.Render(common.Fit(fmt.Sprintf("Next? 1-%d:", len(q.Choices)), width, 1))}
	for i, c := range q.Choices {
		lines = append(lines, common.Fit(st.Accent.Render(strconv.Itoa(i+1)+" ")+lessons.SanitizeLine(c), width, 1))
	}
	return strings.Join(lines, "\n")
}

// predictFoot is predict mode's line: the count so far, and what the next
// key does.
func (m Model) predictFoot(st styles.Styles) string {
	count := fmt.Sprintf("predict: %d of %d predicted", m.pm.right, m.pm.asked)
	next := " · → next question · esc stop"
	switch {
	case m.pm.asking():
		next = ""
	case m.pm.lastNote != "":
		next = " · " + m.pm.lastNote + " · esc stop"
	}
	line := st.Accent.Render(count) + st.Muted.Render(next)
	if m.pm.saveErr != "" {
		line += "\n" + st.Error.Render("answers are not being saved: "+m.pm.saveErr)
	}
	return line
}
