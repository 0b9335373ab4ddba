package ui

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/ui/common"
	"tutor/internal/visual"
)

// NewCardsPerSession is how many new cards a quiz session adds after the
// due ones.
const NewCardsPerSession = 20

// QuizService is what the quiz needs from outside the screen: the review
// log (nil when answers cannot be saved, with the reason in LogErr), the
// scheduler, the cards' state replayed from the log, the clock and a
// random source for generated exercises.
type QuizService struct {
	Log    *review.Log
	LogErr error
	Sched  review.Scheduler
	Cards  map[string]review.Card
	Now    func() time.Time
	Rand   *rand.Rand
}

// SavedMsg reports that an answer was appended to the review log, or why
// it was not.
type SavedMsg struct {
	Card string
	Err  error
}

// quizCard is one card of a session: a quiz item of a lesson, or a kind of
// generated exercise.
type quizCard struct {
	id     string
	lesson string
	item   *lessons.Item
	kind   *visual.ExerciseKind
}

type quizPhase int

const (
	asking quizPhase = iota
	answered
	finished
)

// quizScreen is a quiz session.
type quizScreen struct {
	from     State // the screen to go back to
	title    string
	cards    []quizCard
	pos      int
	phase    quizPhase
	revealed bool
	cursor   int
	picked   int
	correct  bool
	ex       visual.Exercise
	input    textinput.Model
	shownAt  time.Time
	answers  int
	right    int
	saveErr  string
	saved    int
}

// deck is every card of one lesson, or of every lesson when id is "".
func (m Model) deck(id string) []quizCard {
	var cards []quizCard
	for _, l := range m.opts.Catalog.Lessons() {
		if id != "" && l.ID != id {
			continue
		}
		var exercises []quizCard
		if v, ok := m.lookupVisual(l.Visual); ok {
			for _, k := range v.Exercises() {
				exercises = append(exercises, quizCard{id: k.ID, lesson: l.ID, kind: &k})
			}
		}
		// The exercises are spread evenly among the written items, so a
		// session of new cards meets them early rather than after all
		// the items.
		every := len(l.Items)/(len(exercises)+1) + 1
		for i := range l.Items {
			cards = append(cards, quizCard{id: l.Items[i].ID, lesson: l.ID, item: &l.Items[i]})
			if (i+1)%every == 0 && len(exercises) > 0 {
				cards, exercises = append(cards, exercises[0]), exercises[1:]
			}
		}
		cards = append(cards, exercises...)
	}
	return cards
}

// refreshDue counts the due cards per lesson for the home screen.
func (m *Model) refreshDue() {
	q := m.opts.Quiz
	if q == nil {
		return
	}
	now := q.Now()
	due := map[string]int{}
	total := 0
	for _, c := range m.deck("") {
		if card, ok := q.Cards[c.id]; ok && card.IsDue(now) {
			due[c.lesson]++
			total++
		}
	}
	m.home.SetDue(due)
	m.home.SetTitle(total)
}

// StartQuiz starts a session over one lesson, or every lesson when id is
// "": due cards first, the most overdue first, then new ones.
func (m *Model) startQuiz(id string) tea.Cmd {
	q := m.opts.Quiz
	if q == nil {
		return nil
	}
	deck := m.deck(id)
	byID := map[string]quizCard{}
	ids := make([]string, 0, len(deck))
	for _, c := range deck {
		if _, dup := byID[c.id]; !dup {
			ids = append(ids, c.id)
		}
		byID[c.id] = c
	}
	s := quizScreen{title: "all lessons", input: textinput.New(), from: m.state}
	if l, ok := m.opts.Catalog.Lookup(id); ok {
		s.title = l.Title
	}
	for _, cid := range review.Queue(ids, q.Cards, q.Now(), NewCardsPerSession) {
		s.cards = append(s.cards, byID[cid])
	}
	if q.Log == nil && q.LogErr != nil {
		s.saveErr = "answers are not being saved: " + q.LogErr.Error()
	}
	s.input.Prompt = "answer> "
	s.input.CharLimit = 200
	common.SteadyCursor(&s.input)
	m.quiz = s
	m.state = QuizScreen
	m.helpOn = false
	return m.showCard()
}

// leaveQuiz goes back to the screen the quiz was started from: the lesson,
// or the lesson list.
func (m *Model) leaveQuiz() {
	m.state = m.quiz.from
	if m.state == QuizScreen || (m.state == LessonScreen && m.lesson.Lesson() == nil) {
		m.state = HomeScreen
	}
	m.refreshDue()
}

// showCard prepares the card at pos.
func (m *Model) showCard() tea.Cmd {
	s := &m.quiz
	s.revealed, s.cursor, s.picked, s.correct = false, 0, -1, false
	if s.pos >= len(s.cards) {
		s.phase = finished
		return nil
	}
	s.phase = asking
	s.shownAt = m.opts.Quiz.Now()
	if k := s.cards[s.pos].kind; k != nil {
		s.ex = k.New(m.opts.Quiz.Rand)
		s.input.SetValue("")
		return s.input.Focus()
	}
	s.input.Blur()
	return nil
}

func (s quizScreen) capturing() bool {
	return s.phase == asking && s.pos < len(s.cards) && s.cards[s.pos].kind != nil
}

// grade records an answer: the card's new state now, the log in a command.
func (m *Model) grade(g review.Grade) tea.Cmd {
	q, s := m.opts.Quiz, &m.quiz
	now := q.Now()
	c := s.cards[s.pos]
	q.Cards[c.id] = q.Sched.Review(q.Cards[c.id], g, now)
	s.answers++
	if g > review.Again {
		s.right++
	}
	rec := review.Record{Time: now, Card: c.id, Grade: g, Took: max(now.Sub(s.shownAt), 0)}
	log := q.Log
	save := func() tea.Msg {
		if log == nil {
			return SavedMsg{Card: rec.Card, Err: q.LogErr}
		}
		return SavedMsg{Card: rec.Card, Err: log.Append(rec)}
	}
	return save
}

func (m Model) updateQuiz(msg tea.Msg) (tea.Model, tea.Cmd) {
	s := &m.quiz
	k := m.c.Keys
	switch msg := msg.(type) {
	case SavedMsg:
		if msg.Err != nil {
			s.saveErr = "answers are not being saved: " + msg.Err.Error()
		} else {
			s.saved++
		}
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, k.Back) || (s.phase == finished && key.Matches(msg, k.Next)) {
			m.leaveQuiz()
			return m, nil
		}
		if s.phase == finished {
			return m, nil
		}
		c := s.cards[s.pos]
		switch {
		case c.item != nil && c.item.Kind == lessons.Recall:
			return m.updateRecall(msg)
		case c.item != nil:
			return m.updateChoice(msg, c.item)
		default:
			return m.updateExercise(msg)
		}
	}
	if s.capturing() {
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func gradeKey(k keyMapGrades, msg tea.KeyPressMsg) (review.Grade, bool) {
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

type keyMapGrades = struct{ Grade1, Grade2, Grade3, Grade4 key.Binding }

func (m Model) grades() keyMapGrades {
	k := m.c.Keys
	return keyMapGrades{k.Grade1, k.Grade2, k.Grade3, k.Grade4}
}

func (m Model) next() (tea.Model, tea.Cmd) {
	m.quiz.pos++
	cmd := m.showCard()
	return m, cmd
}

func (m Model) updateRecall(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	s := &m.quiz
	if !s.revealed {
		if key.Matches(msg, m.c.Keys.Reveal, m.c.Keys.Open) {
			s.revealed = true
		}
		return m, nil
	}
	if g, ok := gradeKey(m.grades(), msg); ok {
		save := m.grade(g)
		mm, cmd := m.next()
		return mm, tea.Batch(save, cmd)
	}
	return m, nil
}

func (m Model) updateChoice(msg tea.KeyPressMsg, it *lessons.Item) (tea.Model, tea.Cmd) {
	s := &m.quiz
	k := m.c.Keys
	if s.phase == answered {
		if key.Matches(msg, k.Next) {
			return m.next()
		}
		return m, nil
	}
	pick := -1
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = (s.cursor + len(it.Choices) - 1) % len(it.Choices)
	case key.Matches(msg, k.Down):
		s.cursor = (s.cursor + 1) % len(it.Choices)
	case key.Matches(msg, k.Open):
		pick = s.cursor
	default:
		if n, err := strconv.Atoi(msg.String()); err == nil && n >= 1 && n <= len(it.Choices) {
			pick = n - 1
		}
	}
	if pick < 0 {
		return m, nil
	}
	s.picked, s.cursor, s.phase = pick, pick, answered
	s.correct = pick == it.Answer
	g := review.Again
	if s.correct {
		g = review.Good
	}
	return m, m.grade(g)
}

func (m Model) updateExercise(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	s := &m.quiz
	k := m.c.Keys
	if s.phase == answered {
		switch {
		case key.Matches(msg, k.Next):
			return m.next()
		case msg.String() == "v" && s.ex.Args != nil:
			c := s.cards[s.pos]
			m.quizReturn = true
			return m, m.openVisual(c.lesson, s.ex.Args)
		}
		return m, nil
	}
	if key.Matches(msg, k.Submit) {
		if strings.TrimSpace(s.input.Value()) == "" {
			return m, nil
		}
		s.correct = s.ex.Check(s.input.Value())
		s.phase = answered
		s.input.Blur()
		g := review.Again
		if s.correct {
			g = review.Good
		}
		return m, m.grade(g)
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return m, cmd
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

func (s quizScreen) bindings(c *common.Common) [][]key.Binding {
	k := c.Keys
	return [][]key.Binding{
		{k.Reveal, k.Grade1, k.Grade2, k.Grade3, k.Grade4},
		{k.Up, k.Down, k.Open, k.Submit, k.Next},
		{k.Back, k.Help},
	}
}

// render draws the session. q supplies previews of the grade buttons.
func (s quizScreen) render(c *common.Common, q *QuizService) string {
	st := c.Styles
	w := c.Width
	var b strings.Builder
	head := " Quiz"
	if s.phase != finished && len(s.cards) > 0 {
		head += fmt.Sprintf(" · card %d of %d · %d right", s.pos+1, len(s.cards), s.right)
	}
	head += " · " + s.title
	b.WriteString(st.Header.Render(head) + "\n\n")
	body := ""
	var keysLine []key.Binding
	k := c.Keys
	switch {
	case len(s.cards) == 0:
		body = "Nothing to review: no card is due and every card has been seen.\nCome back later, or open a lesson."
		keysLine = []key.Binding{k.Back}
	case s.phase == finished:
		body = fmt.Sprintf("Session over.\n\nanswered  %d\nright     %d\n", s.answers, s.right)
		if q != nil {
			body += "next due  " + nextDue(q, s.cards) + "\n"
		}
		keysLine = []key.Binding{k.Next, k.Back}
	default:
		card := s.cards[s.pos]
		body, keysLine = s.cardView(c, q, card)
	}
	var tail string
	if s.saveErr != "" {
		tail = "\n\n" + common.Wrap(st.Error.Render(" "+s.saveErr), w)
	}
	// A card taller than the screen keeps its top while it asks and its end
	// (the verdict, the explanation) once it is answered or revealed.
	lines := strings.Split(indent(common.Wrap(body, max(w-4, 1))), "\n")
	room := max(c.Height-1, 1) - 2 - strings.Count(tail, "\n")
	if len(lines) > room && room > 1 && (s.phase == answered || s.revealed) {
		lines = append([]string{st.Muted.Render(" ↑ …")}, lines[len(lines)-room+1:]...)
	}
	b.WriteString(strings.Join(lines, "\n") + tail)
	out := common.Fit(b.String(), w, max(c.Height-1, 1))
	var parts []string
	for _, kb := range keysLine {
		parts = append(parts, kb.Help().Key+" "+st.Muted.Render(kb.Help().Desc))
	}
	return out + "\n" + common.Fit(" "+strings.Join(parts, st.Muted.Render(" · ")), w, 1)
}

func (s quizScreen) cardView(c *common.Common, q *QuizService, card quizCard) (string, []key.Binding) {
	st := c.Styles
	k := c.Keys
	var b strings.Builder
	kind := "recall"
	switch {
	case card.kind != nil:
		kind = "exercise · " + card.kind.Title
	case card.item.Kind == lessons.Choice:
		kind = "choice"
	}
	b.WriteString(st.Muted.Render(fmt.Sprintf("[%s] %s", kind, card.lesson)) + "\n\n")
	switch {
	case card.item != nil && card.item.Kind == lessons.Recall:
		b.WriteString(st.Accent.Render(card.item.Front) + "\n\n")
		if !s.revealed {
			b.WriteString(st.Muted.Render("think of the answer, then press space"))
			return b.String(), []key.Binding{k.Reveal, k.Back}
		}
		b.WriteString(card.item.Back + "\n\n")
		var prev [4]time.Duration
		if q != nil {
			prev = q.Sched.Preview(q.Cards[card.id], q.Now())
		}
		names := []string{"again", "hard", "good", "easy"}
		var btns []string
		for i, n := range names {
			// No-break spaces keep a button on one line when the row wraps.
			btns = append(btns, strings.ReplaceAll(fmt.Sprintf("[%d %s · %s]", i+1, n, when(prev[i])), " ", "\u00a0"))
		}
		b.WriteString(strings.Join(btns, "  "))
		return b.String(), []key.Binding{k.Grade1, k.Grade2, k.Grade3, k.Grade4, k.Back}
	case card.item != nil:
		it := card.item
		b.WriteString(st.Accent.Render(it.Question) + "\n\n")
		for i, ch := range it.Choices {
			mark := "  "
			if i == s.cursor && s.phase == asking {
				mark = "> "
			}
			style := st.Theme.Text
			if s.phase == answered {
				switch {
				case i == it.Answer:
					mark, style = "✓ ", st.Good
				case i == s.picked:
					mark, style = "✗ ", st.Bad
				}
			} else if i == s.cursor {
				style = st.Selected
			}
			b.WriteString(style.Render(hang(fmt.Sprintf("%s%d. ", mark, i+1), ch, max(c.Width-4, 8))) + "\n")
		}
		if s.phase == answered {
			verdict := st.Good.Render("Right.")
			if !s.correct {
				verdict = st.Bad.Render("Not quite.")
			}
			b.WriteString("\n" + verdict + " " + it.Explain)
			return b.String(), []key.Binding{k.Next, k.Back}
		}
		up, down, pick := k.Up, k.Down, k.Open
		up.SetHelp("↑/k", "up")
		down.SetHelp("↓/j", "down")
		pick.SetHelp("enter", "choose")
		digits := key.NewBinding(key.WithKeys("1"), key.WithHelp(fmt.Sprintf("1-%d", len(it.Choices)), "choose that one"))
		return b.String(), []key.Binding{up, down, pick, digits, k.Back}
	default:
		b.WriteString(st.Accent.Render(s.ex.Question) + "\n\n")
		if s.phase == asking {
			b.WriteString(s.input.View())
			return b.String(), []key.Binding{k.Submit, k.Back}
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
			bs = append(bs, key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "watch it")))
		}
		return b.String(), append(bs, k.Back)
	}
}

// hang wraps text to width after prefix, with later lines indented under
// the text rather than under the prefix.
func hang(prefix, text string, width int) string {
	pad := strings.Repeat(" ", len([]rune(prefix)))
	wrapped := common.Wrap(text, max(width-len(pad), 1))
	return prefix + strings.ReplaceAll(wrapped, "\n", "\n"+pad)
}

// nextDue says when the first of cards comes back.
func nextDue(q *QuizService, cards []quizCard) string {
	now := q.Now()
	var first time.Time
	for _, c := range cards {
		card, ok := q.Cards[c.id]
		if !ok || card.IsNew() {
			continue
		}
		if first.IsZero() || card.Due.Before(first) {
			first = card.Due
		}
	}
	if first.IsZero() {
		return "nothing scheduled"
	}
	if !first.After(now) {
		return "now"
	}
	return "in " + when(first.Sub(now))
}
