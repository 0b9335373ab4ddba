// Package lesson is the lesson screen: the note rendered with glamour on the
// left, the solution's visualization on the right, and the solution's
// source below it with the running line marked. On a narrow terminal one
// pane shows at a time.
package lesson

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/screen"
	"tutor/internal/ui/source"
	"tutor/internal/ui/stepper"
	"tutor/internal/visual"
)

// WideWidth is the narrowest terminal that shows the note and the visual
// side by side.
const WideWidth = 100

// Pane names a pane of the screen.
type Pane int

// The panes.
const (
	NotePane Pane = iota
	VisualPane
	SourcePane
)

// String names the pane: "note", "visual" or "source".
func (p Pane) String() string {
	switch p {
	case NotePane:
		return "note"
	case VisualPane:
		return "visual"
	case SourcePane:
		return "source"
	}
	return fmt.Sprintf("Pane(%d)", int(p))
}

// SearchLimit is how many characters the search box takes; a paste that
// would pass it is refused whole, saying so, and typing past it says how
// many characters were not taken.
const SearchLimit = 200

// RenderedMsg carries a note rendered by a command.
type RenderedMsg struct {
	Key  markdown.Key
	Text string
	Err  error
}

// viewMemo is the whole screen View drew last, for the size and style it
// was drawn at; ok is false once anything on it has changed.
type viewMemo struct {
	s     string
	w, h  int
	style string
	ok    bool
}

// Model is the lesson screen.
type Model struct {
	c      *common.Common
	lesson *lessons.Lesson

	note     viewport.Model
	noteKey  markdown.Key // the render the viewport shows, if noteOK
	noteOK   bool
	noteErr  error
	anchor   float64  // where the reader was, as a fraction of the note
	lines    []string // the rendered note, one string a line
	plain    []string // the same without escape sequences, for search
	matches  []hit    // where the search is found in the rendered note
	match    int
	search   textinput.Model
	inSearch bool
	query    string // the search the matches are of; esc in the box restores it
	// searchErr says why the search box did not take a paste or keys.
	searchErr string
	toc       contents

	// memo is the last View, shared by the copies Update makes, valid
	// until a message changes something; quiet is set by an update that
	// changed nothing (a key typed into a full box), so that 100 KB typed
	// into a full box costs no redraw a key.
	memo  *viewMemo
	drawn *paneMemo
	quiet bool

	vis        *stepper.Model
	listing    *source.Listing
	listStyle  string
	stepLines  map[string]int
	srcTop     int
	srcFollow  bool
	showSource bool
	focus      Pane
}

// New opens a lesson; v is its visual, or nil. args is the visual's
// starting input, nil for its default. The command records the visual's
// first run.
func New(c *common.Common, l *lessons.Lesson, v visual.Visual, args []string) (*Model, tea.Cmd) {
	m := &Model{c: c, lesson: l, note: viewport.New(), srcFollow: true, memo: &viewMemo{}, drawn: &paneMemo{}}
	m.note.KeyMap = viewport.KeyMap{} // keys are handled here, from the app's map
	m.note.SoftWrap = false
	m.toc.heads = markdown.Headings(l.Body)
	m.search = textinput.New()
	m.search.Prompt = "/"
	m.search.CharLimit = SearchLimit
	common.SteadyCursor(&m.search)
	var cmd tea.Cmd
	if v != nil {
		s, rec := stepper.New(v, c.Keys, args)
		m.vis, cmd = &s, rec
		file, text := v.Source()
		m.stepLines = visual.StepLines(text)
		m.listing = source.New(file, text, c.Styles.Chroma)
		m.listStyle = c.Styles.Chroma
		m.showSource = true
	}
	return m, cmd
}

// Predict turns the visual pane's predict mode on and gives it focus
// (tutor quiz --predict); nothing when the lesson has no visual.
func (m *Model) Predict() tea.Cmd {
	if m.vis == nil {
		return nil
	}
	m.focus = VisualPane
	m.memo.ok = false
	return m.vis.StartPredict()
}

// Lesson is the lesson on screen.
func (m Model) Lesson() *lessons.Lesson { return m.lesson }

// Focus is the focused pane.
func (m Model) Focus() Pane { return m.focus }

// Stepper is the visual pane, or nil when the lesson has no visual.
func (m Model) Stepper() *stepper.Model { return m.vis }

// NoteOffset is the first line of the note on screen.
func (m Model) NoteOffset() int { return m.note.YOffset() }

// NoteLines is the number of lines of the rendered note, 0 before it is
// rendered.
func (m Model) NoteLines() int {
	if !m.noteOK {
		return 0
	}
	return m.note.TotalLineCount()
}

// Capturing reports whether a text box has the keyboard.
func (m Model) Capturing() bool {
	return m.inSearch || (m.vis != nil && m.vis.Capturing())
}

func (m Model) wide() bool { return m.vis != nil && m.c.Width >= WideWidth }

// panes lists the panes that can have focus, in tab order.
func (m Model) panes() []Pane {
	if m.vis == nil {
		return []Pane{NotePane}
	}
	if m.showSource {
		return []Pane{NotePane, VisualPane, SourcePane}
	}
	return []Pane{NotePane, VisualPane}
}

// layout is where each pane goes. A zero rectangle is a pane not shown.
type rect struct{ w, h int }

type layout struct {
	note, vis, src rect
}

const chrome = 2 // the header line and the footer line

func (m Model) layout() layout {
	w, h := m.c.Width, max(m.c.Height-chrome, 0)
	var lay layout
	switch {
	case m.vis == nil:
		lay.note = rect{w, h}
	case m.wide():
		nw := w * 9 / 20
		rw := w - nw
		lay.note = rect{nw, h}
		if m.showSource {
			sh := max(h*2/5, min(h, 6))
			if m.vis.Predicting() {
				// The question and its four answers need the rows: the
				// source keeps a quarter, enough for the line running.
				sh = max(h/4, min(h, 6))
			}
			lay.vis = rect{rw, h - sh}
			lay.src = rect{rw, sh}
		} else {
			lay.vis = rect{rw, h}
		}
	default:
		switch m.focus {
		case VisualPane:
			lay.vis = rect{w, h}
		case SourcePane:
			lay.src = rect{w, h}
		default:
			lay.note = rect{w, h}
		}
	}
	return lay
}

// inner is the content box of a pane: less the border, less the title line.
func inner(r rect) (int, int) { return max(r.w-2, 0), max(r.h-3, 0) }

// noteWidth is the width the note is rendered at. It does not depend on
// which pane is focused, so switching panes on a narrow screen keeps the
// render.
func (m Model) noteWidth() int {
	w := m.c.Width
	if m.wide() {
		w = w * 9 / 20
	}
	return max(w-2, 1)
}

// SetSize lays the screen out for the app's size and returns a command
// that renders the note at the new width if no render is cached.
func (m *Model) SetSize() tea.Cmd {
	m.memo.ok = false
	if m.noteOK && m.note.TotalLineCount() > 0 {
		m.anchor = float64(m.note.YOffset()) / float64(m.note.TotalLineCount())
	}
	nw, nh := inner(rect{m.noteWidth() + 2, max(m.c.Height-chrome, 0)})
	m.note.SetWidth(nw)
	m.note.SetHeight(nh)
	if m.listing != nil && m.listStyle != m.c.Styles.Chroma {
		file, text := m.vis.Visual().Source()
		m.listing = source.New(file, text, m.c.Styles.Chroma)
		m.listStyle = m.c.Styles.Chroma
	}
	return m.ensureNote()
}

func (m *Model) ensureNote() tea.Cmd {
	k := markdown.Key{Doc: m.lesson.ID, Width: m.noteWidth(), Style: m.c.Styles.Glamour}
	if m.noteOK && m.noteKey == k {
		return nil
	}
	if text, ok := m.c.Notes.Get(k); ok {
		m.showNote(k, text)
		return nil
	}
	// One render of a note at a time: a resize during a render waits for
	// it, and the size wanted then is rendered next (see RenderedMsg).
	if !m.c.Notes.Begin(k) {
		return nil
	}
	body := m.lesson.Body
	return func() tea.Msg {
		text, err := markdown.Render(body, k.Width, k.Style)
		return RenderedMsg{Key: k, Text: text, Err: err}
	}
}

func (m *Model) showNote(k markdown.Key, text string) {
	m.note.SetContent(text)
	m.noteKey, m.noteOK, m.noteErr = k, true, nil
	m.lines = strings.Split(common.Fit(text, k.Width, strings.Count(text, "\n")+1), "\n")
	m.plain = strings.Split(ansi.Strip(text), "\n")
	total := m.note.TotalLineCount()
	m.note.SetYOffset(int(math.Round(m.anchor * float64(total))))
	m.toc.setRender(m.plain)
	m.findMatches()
}

// Bindings are the lesson screen's keys for the help view, in groups.
func (m Model) Bindings() [][]key.Binding {
	k := m.c.Keys
	scroll := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
	if len(m.panes()) > 1 {
		// A lesson of one pane has no other pane for tab to go to.
		scroll = append([]key.Binding{k.Focus, k.FocusBack}, scroll...)
	}
	groups := [][]key.Binding{
		scroll,
		{k.Search, k.NextMatch, k.PrevMatch, k.Contents, k.Quiz, k.Back, k.Help, k.Quit},
	}
	if m.vis != nil {
		groups = append(groups, append(m.vis.Bindings(), k.Source))
	}
	return groups
}

// ShortBindings are the few keys the footer shows.
func (m Model) ShortBindings() []key.Binding {
	k := m.c.Keys
	if m.toc.open {
		return m.contentsBindings()
	}
	if m.inSearch {
		return []key.Binding{k.Submit, k.Cancel}
	}
	if m.vis != nil && m.vis.Capturing() {
		return m.vis.CaptureBindings()
	}
	if m.vis == nil {
		return []key.Binding{k.Down, k.Up, k.Search, k.Contents, k.Quiz, k.Back, k.Help}
	}
	back := k.Back
	if b, ok := m.vis.EscBinding(); ok {
		back = b
	}
	return []key.Binding{k.Focus, k.StepForward, k.StepBack, k.Play, k.Edit, k.Source, back, k.Help}
}

// Update handles the lesson screen's messages: esc (when no text box has
// the keyboard and predict mode is off) goes back, c starts a quiz over
// the lesson.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd, screen.Action) {
	if kp, ok := msg.(tea.KeyPressMsg); ok && !m.Capturing() && !m.toc.open {
		switch {
		case key.Matches(kp, m.c.Keys.Back) && (m.vis == nil || !m.vis.Predicting()):
			// In predict mode esc stops it (the pane's EscBinding).
			return m, nil, screen.Action{Go: screen.Back}
		case key.Matches(kp, m.c.Keys.Quiz):
			return m, nil, screen.Action{Go: screen.StartQuiz, Lesson: m.lesson.ID}
		}
	}
	next, cmd := m.update(msg)
	if !next.quiet {
		m.memo.ok = false
	}
	next.quiet = false
	*m = next
	return m, cmd, screen.None
}

// Help is the lesson screen's keys for the help view.
func (m *Model) Help() (string, [][]key.Binding) { return "lesson", m.Bindings() }

// Resize lays the screen out for the shared size; see SetSize.
func (m *Model) Resize() tea.Cmd { return m.SetSize() }

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case RenderedMsg:
		m.c.Notes.Done(msg.Key)
		if msg.Err != nil {
			if msg.Key == m.wantKey() {
				m.noteErr = msg.Err
			}
			return m, nil
		}
		m.c.Notes.Put(msg.Key, msg.Text)
		if msg.Key == m.wantKey() {
			m.showNote(msg.Key, msg.Text)
			return m, nil
		}
		if msg.Key.Doc != m.lesson.ID {
			return m, nil
		}
		// The size changed during the render: render the size wanted now.
		return m, m.ensureNote()
	case stepper.TickMsg, stepper.RanMsg, stepper.SavedMsg:
		if m.vis == nil {
			return m, nil
		}
		return m.updateStepper(msg)
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	case tea.PasteMsg:
		// Bracketed paste (the app turns it on) into the box that has
		// the keyboard.
		switch {
		case m.inSearch:
			text := lessons.SanitizeLine(msg.Content)
			n, room := utf8.RuneCountInString(text), SearchLimit-utf8.RuneCountInString(m.search.Value())
			if n > room {
				m.searchErr = fmt.Sprintf("a paste of %d characters: a search takes at most %d: nothing pasted", n, SearchLimit)
				return m, nil
			}
			var cmd tea.Cmd
			m.search, cmd = m.search.Update(tea.PasteMsg{Content: text})
			return m, cmd
		case m.vis != nil && m.vis.Editing():
			return m.updateStepper(msg)
		}
	}
	return m, nil
}

func (m Model) wantKey() markdown.Key {
	return markdown.Key{Doc: m.lesson.ID, Width: m.noteWidth(), Style: m.c.Styles.Glamour}
}

func (m Model) updateStepper(msg tea.Msg) (Model, tea.Cmd) {
	before := m.vis.Frame()
	err := m.vis.Err()
	s, cmd, _ := m.vis.Update(msg)
	m.vis = &s
	if s.Frame() != before {
		m.srcFollow = true
	}
	// A key the full input box did not take changes nothing on screen.
	m.quiet = s.Full() && s.Err() == err
	return m, cmd
}

func (m Model) updateKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.c.Keys
	if m.toc.open {
		return m.updateContents(msg)
	}
	if m.inSearch {
		switch {
		case key.Matches(msg, k.Cancel):
			m.inSearch = false
			m.search.Blur() // the matches on show are still of m.query
		case key.Matches(msg, k.Submit):
			m.inSearch = false
			m.search.Blur()
			m.query = m.search.Value()
			m.findMatches()
			m.gotoMatch(0)
		default:
			if msg.Text != "" && utf8.RuneCountInString(m.search.Value()) >= SearchLimit {
				err := fmt.Sprintf("a search takes at most %d characters: what was typed after that was not taken", SearchLimit)
				m.quiet = m.searchErr == err
				m.searchErr = err
				return m, nil
			}
			var cmd tea.Cmd
			m.search, cmd = m.search.Update(msg)
			return m, cmd
		}
		return m, nil
	}
	if key.Matches(msg, k.Contents) && (m.vis == nil || !m.vis.Capturing()) {
		m.openContents()
		return m, nil
	}
	if m.vis != nil {
		if m.vis.Capturing() {
			return m.updateStepper(msg)
		}
		// The visual's keys act whatever pane has focus, except scrolling,
		// which scrolls the focused pane (g and G: the first and last step).
		if !isScroll(k, msg) || m.focus == VisualPane {
			before := m.vis.Frame()
			s, cmd, used := m.vis.Update(msg)
			if used {
				m.vis = &s
				if s.Frame() != before || s.Editing() {
					m.srcFollow = true
				}
				if (s.Capturing() || s.Predicting()) && !m.wide() {
					m.focus = VisualPane
				}
				return m, cmd
			}
		}
	}
	switch {
	case key.Matches(msg, k.Focus), key.Matches(msg, k.FocusBack):
		panes := m.panes()
		i := 0
		for j, p := range panes {
			if p == m.focus {
				i = j
			}
		}
		step := 1
		if key.Matches(msg, k.FocusBack) {
			step = len(panes) - 1
		}
		m.focus = panes[(i+step)%len(panes)]
	case key.Matches(msg, k.Source):
		if m.vis != nil {
			m.showSource = !m.showSource
			if !m.showSource && m.focus == SourcePane {
				m.focus = VisualPane
			}
			if m.showSource && !m.wide() {
				m.focus = SourcePane
			}
		}
	case key.Matches(msg, k.Search):
		m.inSearch, m.searchErr = true, ""
		m.search.SetValue("")
		return m, m.search.Focus()
	case key.Matches(msg, k.NextMatch):
		m.gotoMatch(m.match + 1)
	case key.Matches(msg, k.PrevMatch):
		m.gotoMatch(m.match - 1)
	case isScroll(k, msg):
		m.scroll(msg)
	}
	return m, nil
}

// isScroll reports whether msg is one of the scrolling keys, which go to
// the focused pane.
func isScroll(k keys.Map, msg tea.KeyPressMsg) bool {
	return key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom)
}

func (m *Model) scroll(msg tea.KeyPressMsg) {
	k := m.c.Keys
	if m.focus == VisualPane && !m.wide() {
		return // the note is hidden: scrolling it unseen would lose the place
	}
	if m.focus == SourcePane && m.listing != nil {
		_, h := inner(m.layout().src)
		if m.srcFollow {
			m.srcTop = m.listing.TopFor(m.currentLine(), h)
			m.srcFollow = false
		}
		switch {
		case key.Matches(msg, k.Up):
			m.srcTop--
		case key.Matches(msg, k.Down):
			m.srcTop++
		case key.Matches(msg, k.PageUp):
			m.srcTop -= max(h-1, 1)
		case key.Matches(msg, k.PageDown):
			m.srcTop += max(h-1, 1)
		case key.Matches(msg, k.Top):
			m.srcTop = 1
		case key.Matches(msg, k.Bottom):
			m.srcTop = m.listing.Lines()
		}
		m.srcTop = max(1, min(m.srcTop, m.listing.Lines()-h+1))
		return
	}
	common.Scroll(&m.note, msg, k)
}

func (m Model) currentLine() int {
	if m.vis == nil {
		return 0
	}
	f, ok := m.vis.Step()
	if !ok {
		return 0
	}
	return m.stepLines[f.Step]
}

// View draws the screen in the app's size. Every pane is drawn as lines
// of exactly its width, so the columns are joined by concatenation and
// nothing is measured twice: View stays well under 2 ms at 160x48.
func (m Model) View() string {
	w, h := m.c.Width, m.c.Height
	if w < 1 || h < 1 {
		return ""
	}
	style := m.c.Styles.Glamour + "/" + m.c.Styles.Chroma
	if m.memo != nil && m.memo.ok && m.memo.w == w && m.memo.h == h && m.memo.style == style {
		return m.memo.s
	}
	s := m.view(w, h)
	if m.memo != nil {
		*m.memo = viewMemo{s: s, w: w, h: h, style: style, ok: true}
	}
	return s
}

func (m Model) view(w, h int) string {
	st := m.c.Styles
	lay := m.layout()
	var left, right []string
	switch {
	case lay.note.w > 0 && m.toc.open:
		_, ih := inner(lay.note)
		left = m.pane(NotePane, lay.note, m.contentsTitle(), m.contentsView(ih))
	case lay.note.w > 0:
		left = m.pane(NotePane, lay.note, m.noteTitle(), m.noteView(lay.note))
	}
	if lay.vis.w > 0 {
		iw, ih := inner(lay.vis)
		right = append(right, m.pane(VisualPane, lay.vis, "Visual", m.vis.View(iw, ih, st))...)
	}
	if lay.src.w > 0 {
		right = append(right, m.pane(SourcePane, lay.src, m.sourceTitle(), m.sourceView(lay.src))...)
	}
	rows := make([]string, 0, h)
	rows = append(rows, common.Fit(m.header(), w, 1))
	body := max(h-chrome, 0)
	for i := range body {
		var row string
		if i < len(left) {
			row = left[i]
		}
		if i < len(right) {
			row += right[i]
		}
		rows = append(rows, row)
	}
	if h > 1 {
		rows = append(rows, common.Fit(m.footer(), w, 1))
	}
	return strings.Join(rows[:min(len(rows), h)], "\n")
}

func (m Model) header() string {
	st := m.c.Styles
	parts := []string{st.Header.Render(m.lesson.Title)}
	if m.vis == nil {
		parts = append(parts, st.Muted.Render("no live visualization for this lesson: the note has the full width"))
	} else if !m.wide() {
		var names []string
		for _, p := range m.panes() {
			name := p.String()
			if p == VisualPane && m.focus != VisualPane && m.vis.Run() != nil {
				// The visual's keys work from every pane: say where the
				// hidden run is, so a step taken from the note shows.
				name += fmt.Sprintf(" step %d/%d", m.vis.Frame()+1, m.vis.Run().Len())
			}
			if p == m.focus {
				name = "[" + name + "]"
			}
			names = append(names, name)
		}
		// The tabs come first: a long title must not push them off a
		// narrow screen.
		parts = append([]string{st.Muted.Render(strings.Join(names, " · ") + "  (tab)")}, parts...)
	}
	return " " + strings.Join(parts, "  ")
}

func (m Model) footer() string {
	st := m.c.Styles
	if m.inSearch {
		if m.searchErr != "" {
			return m.search.View() + "  " + st.Error.Render(m.searchErr)
		}
		return m.search.View()
	}
	var parts []string
	for _, b := range m.ShortBindings() {
		parts = append(parts, b.Help().Key+" "+st.Muted.Render(b.Help().Desc))
	}
	// A narrow footer drops the bindings before its last two (esc back,
	// ? help) from the end, so that ? help always shows.
	sep := st.Muted.Render(" · ")
	for len(parts) > 2 && lipgloss.Width(" "+strings.Join(parts, sep)) > m.c.Width {
		parts = append(parts[:len(parts)-3], parts[len(parts)-2:]...)
	}
	line := " " + strings.Join(parts, sep)
	// A search's status comes first, where a narrow footer cannot cut it.
	if q := m.query; q != "" && !m.inSearch {
		found := st.Accent.Render(fmt.Sprintf(" /%s: %d of %d (n/N)", q, min(m.match+1, len(m.matches)), len(m.matches)))
		if len(m.matches) == 0 {
			found = st.Error.Render(fmt.Sprintf(" /%s: not found", q))
		}
		line = found + " ·" + line
	}
	return line
}

func (m Model) noteTitle() string {
	if !m.noteOK {
		return "Note"
	}
	return fmt.Sprintf("Note · %d%%", m.readPercent())
}

// readPercent is how far the note is scrolled, in percent: 0 at its top,
// 100 at its end (the last line on screen), as its title says. Before
// the note is drawn it is the place it will open at.
func (m Model) readPercent() int {
	if !m.noteOK {
		return int(math.Round(m.anchor * 100))
	}
	return int(math.Round(m.note.ScrollPercent() * 100))
}

func (m Model) noteView(r rect) string {
	if m.noteErr != nil {
		return m.c.Styles.Error.Render("the note could not be rendered: " + m.noteErr.Error())
	}
	if !m.noteOK {
		return m.c.Styles.Muted.Render("rendering the note…")
	}
	// The viewport keeps the scroll state; the lines are drawn from the
	// cached render directly, which is already cut to the width, so View
	// does no wrapping.
	_, ih := inner(r)
	off := min(m.note.YOffset(), max(len(m.lines)-1, 0))
	lines := m.lines[off:min(off+ih, len(m.lines))]
	if len(m.matches) == 0 || m.inSearch {
		return strings.Join(lines, "\n")
	}
	return strings.Join(m.markMatches(lines, off), "\n")
}

func (m Model) sourceTitle() string {
	if m.listing == nil {
		return "Source"
	}
	return "Source · solutions/" + strings.TrimPrefix(m.listing.File, "solutions/")
}

func (m Model) sourceView(r rect) string {
	iw, ih := inner(r)
	cur := m.currentLine()
	top := m.srcTop
	if m.srcFollow {
		top = m.listing.TopFor(cur, ih)
	}
	return m.listing.Render(iw, ih, top, cur, m.c.Styles.LineNumber, m.c.Styles.Current)
}

// pane draws content in a bordered box of r with a title line, as r.h
// lines of exactly r.w columns; the focused pane's border differs in shape
// as well as colour.
func (m Model) pane(p Pane, r rect, title, content string) []string {
	st := m.c.Styles
	title0 := title
	if r.w < 3 || r.h < 3 {
		return strings.Split(common.Fit(content, r.w, r.h), "\n")
	}
	focused := p == m.focus && len(m.panes()) > 1
	style := st.Glamour + "/" + st.Chroma
	if lines, ok := m.drawn.drawn(p, r, title, content, focused, style); ok {
		return lines
	}
	box := st.Pane
	if focused {
		box = st.PaneFocus
		title = "▸ " + title
	}
	b := box.GetBorderStyle()
	edge := lipgloss.NewStyle().Foreground(box.GetBorderTopForeground())
	iw, ih := r.w-2, r.h-2
	lines := make([]string, 0, r.h)
	lines = append(lines, edge.Render(b.TopLeft+strings.Repeat(b.Top, iw)+b.TopRight))
	l, rt := edge.Render(b.Left), edge.Render(b.Right)
	lines = append(lines, l+common.Fit(st.PaneTitle.Render(title), iw, 1)+rt)
	if ih > 1 {
		for line := range strings.SplitSeq(common.Fit(content, iw, ih-1), "\n") {
			lines = append(lines, l+line+rt)
		}
	}
	lines = append(lines, edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, iw)+b.BottomRight))
	m.drawn.keep(p, r, title0, content, focused, style, lines)
	return lines
}
