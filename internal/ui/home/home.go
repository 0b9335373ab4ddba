// Package home is the first screen: the lesson the learner was in last,
// offered first, then the list of lessons with their summaries, tags and
// progress (cards learned, due and new, and when each was last studied),
// filtered with /.
package home

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/screen"
)

// Model is the lesson list.
type Model struct {
	c        *common.Common
	list     list.Model
	lessons  []*lessons.Lesson
	progress map[string]Progress
	now      time.Time
	resume   *Continue
	// stale is set when the continue line changed under a kept filter.
	stale   bool
	notices []string
	// hint is a one-off line in place of the status: a letter no key
	// takes says how to filter.
	hint string
	// reading names the notes folder being read, for the status line;
	// waiting counts the keys pressed meanwhile, which wait for it.
	reading string
	waiting int
}

// item is a lesson of the list.
type item struct{ l *lessons.Lesson }

// FilterValue is what the filter matches: the title, the id and the tags.
func (i item) FilterValue() string {
	return i.l.Title + " " + i.l.ID + " " + strings.Join(i.l.Tags, " ")
}

// resumeItem is the first line of the list: the lesson left last, and
// where.
type resumeItem struct {
	l *lessons.Lesson
	c Continue
}

// FilterValue is empty: a filter never matches the continue line.
func (resumeItem) FilterValue() string { return "" }

// New lists the catalog's lessons, with notices (notes that could not be
// read, a damaged review log) in lines under the list.
func New(c *common.Common, cat *lessons.Catalog, notices []string) *Model {
	m := &Model{c: c, lessons: cat.Lessons()}
	m.SetNotices(notices)
	m.list = list.New(nil, delegate{c: c}, 0, 0)
	// The list draws its pages at every change, to measure them, and
	// its dots are a concatenation each (2,000 lessons before a size took
	// seconds): it counts them instead, "1/2000", a line as the dots are,
	// and listView draws the dots (see pages).
	m.list.Paginator.Type = paginator.Arabic
	m.list.SetItems(m.items())
	m.list.Title = "tutor · lessons"
	m.list.Filter = substringFilter
	m.list.SetShowHelp(false)
	m.list.SetStatusBarItemName("lesson", "lessons")
	m.list.DisableQuitKeybindings()
	m.list.KeyMap.ShowFullHelp.SetEnabled(false)
	m.list.KeyMap.CloseFullHelp.SetEnabled(false)
	common.SteadyCursor(&m.list.FilterInput)
	m.Restyle()
	return m
}

// items is the continue line, if any, then every lesson.
func (m *Model) items() []list.Item {
	var items []list.Item
	if m.resume != nil {
		for _, l := range m.lessons {
			if l.ID == m.resume.Lesson {
				items = append(items, resumeItem{l: l, c: *m.resume})
			}
		}
	}
	for _, l := range m.lessons {
		items = append(items, item{l: l})
	}
	return items
}

// SetNotices puts notices in the lines under the list, in place of
// those it had; Resize gives the list the lines that are left.
func (m *Model) SetNotices(notices []string) {
	// Notices name files and quote lines of the review log: clean them
	// here too, whoever made them.
	m.notices = make([]string, len(notices))
	for i, n := range notices {
		m.notices[i] = lessons.SanitizeLine(n)
	}
}

// SetReading says in the status line that the notes folder named folder
// is being read; "" says nothing.
func (m *Model) SetReading(folder string) { m.reading, m.waiting = lessons.SanitizeLine(folder), 0 }

// SetWaiting says in the status line, while the notes are being read,
// that n keys wait for them.
func (m *Model) SetWaiting(n int) { m.waiting = n }

// SetLessons lists ls in place of the lessons listed, with the cursor on
// the lesson it was on and a filter kept or being typed applied to the
// new list.
func (m *Model) SetLessons(ls []*lessons.Lesson) {
	m.lessons = ls
	if m.list.FilterState() == list.Unfiltered {
		m.relist()
		return
	}
	sel := m.Selected()
	if cmd := m.list.SetItems(m.items()); cmd != nil {
		// The list filters in a command, pure work over the items in
		// memory: done here, the filter holds at once whichever screen
		// is on show.
		m.list, _ = m.list.Update(cmd())
	}
	for i, it := range m.list.VisibleItems() {
		if it, ok := it.(item); ok && it.l == sel {
			m.list.Select(i)
			break
		}
	}
}

// Restyle applies the current styles.
func (m *Model) Restyle() {
	st := m.c.Styles
	m.list.Styles.Title = st.Header
	m.list.Styles.TitleBar = m.list.Styles.TitleBar.Padding(0, 0, 1, 1)
	m.list.Styles.StatusBar = st.Muted.Padding(0, 0, 1, 1)
	m.list.Styles.NoItems = st.Muted.Padding(0, 0, 0, 2)
}

// SetProgress sets each lesson's progress, by lesson id, as of now.
func (m *Model) SetProgress(p map[string]Progress, now time.Time) {
	m.progress, m.now = p, now
}

// Progress is the progress shown for lesson id.
func (m *Model) Progress(id string) Progress { return m.progress[id] }

// SetContinue offers c first in the list (nil: nothing to continue). The
// cursor stays on the lesson it was on; a new continue line takes it.
// While a filter is kept the list is left as it is (the continue line is
// never a match) and takes the line once the filter is cleared.
func (m *Model) SetContinue(c *Continue) {
	m.resume = c
	if m.list.FilterState() != list.Unfiltered {
		m.stale = true
		return
	}
	m.relist()
}

// relist puts the items back in the list: the continue line, then the
// lessons.
func (m *Model) relist() {
	m.stale = false
	had := m.isResume(0)
	idx := m.list.GlobalIndex()
	m.list.SetItems(m.items()) // unfiltered: no command
	switch now := m.isResume(0); {
	case now && !had:
		m.list.Select(0)
	case had && !now:
		m.list.Select(max(idx-1, 0))
	default:
		m.list.Select(idx)
	}
}

// Continuing is the lesson the continue line offers, or nil.
func (m *Model) Continuing() *Continue { return m.resume }

func (m *Model) isResume(i int) bool {
	items := m.list.Items()
	if i >= len(items) {
		return false
	}
	_, ok := items[i].(resumeItem)
	return ok
}

// SetTitle shows the number of cards due in all lessons in the title.
func (m *Model) SetTitle(due int) {
	m.list.Title = "tutor · lessons"
	switch {
	case due == 1:
		m.list.Title += " · 1 card due"
	case due > 1:
		m.list.Title += fmt.Sprintf(" · %d cards due", due)
	}
}

// Resize fits the list to the shared size, less the notices and the
// footer.
func (m *Model) Resize() tea.Cmd {
	m.Restyle()
	m.list.SetSize(m.c.Width, max(m.c.Height-1-len(m.notices), 1))
	return nil
}

// Help is the home screen's keys for the help view.
func (m *Model) Help() (string, [][]key.Binding) { return "lesson list", m.Bindings() }

// Capturing reports whether the filter box has the keyboard, so the app's
// global keys must not act.
func (m Model) Capturing() bool { return m.list.SettingFilter() }

// Selected is the lesson under the cursor (the continue line's lesson
// when it is there), or nil.
func (m Model) Selected() *lessons.Lesson {
	switch it := m.list.SelectedItem().(type) {
	case item:
		return it.l
	case resumeItem:
		return it.l
	}
	return nil
}

// Filter is the text of the filter, applied or being typed; "" for none.
func (m Model) Filter() string {
	if m.list.IsFiltered() || m.list.SettingFilter() {
		return m.list.FilterValue()
	}
	return ""
}

// Bindings are the home screen's keys for the help view.
func (m Model) Bindings() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Open, k.Up, k.Down, m.list.KeyMap.NextPage, m.list.KeyMap.PrevPage, k.Top, k.Bottom},
		{m.list.KeyMap.Filter, m.list.KeyMap.ClearFilter, k.Quiz, k.Stats},
		{k.Help, k.Quit},
	}
}

// ShortBindings are the few keys the footer shows.
func (m Model) ShortBindings() []key.Binding {
	k := m.c.Keys
	if m.list.SettingFilter() {
		return []key.Binding{k.Submit, k.Cancel}
	}
	return []key.Binding{k.Open, k.Help, m.list.KeyMap.Filter, k.Quiz, k.Stats, k.Quit} // ? help second: it shows at every width
}

// FilterHint is the line a letter that no key takes shows in place of the
// status line.
const FilterHint = "/ filters the lessons; ? lists the keys"

// Update handles the list's keys: enter opens the lesson under the cursor,
// c starts a quiz, s shows the stats, / opens an empty filter box. In the
// box every key types (q, c and j included) until enter keeps the filter
// or esc drops it; outside it letters are only ever commands.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd, screen.Action) {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		m.hint = ""
		k := m.c.Keys
		if m.list.SettingFilter() {
			if key.Matches(kp, k.Submit) && len(m.list.VisibleItems()) == 0 {
				// The list would drop the filter and the next enter
				// open the first lesson: keep the box open instead.
				return m, nil, screen.None
			}
		} else {
			switch {
			case key.Matches(kp, k.Open):
				if l := m.Selected(); l != nil {
					return m, nil, screen.Action{Go: screen.OpenLesson, Lesson: l.ID}
				}
				return m, nil, screen.None
			case key.Matches(kp, k.Quiz):
				return m, nil, screen.Action{Go: screen.StartQuiz}
			case key.Matches(kp, k.Stats):
				return m, nil, screen.Action{Go: screen.ShowStats}
			case key.Matches(kp, m.list.KeyMap.Filter):
				// A new filter, not the old one with more typed after
				// it ("gpu" then /ipv gave "gpuipv", no lesson).
				m.list.ResetFilter()
			case m.unbound(kp):
				m.hint = FilterHint
				return m, nil, screen.None
			}
		}
	}
	if p, ok := msg.(tea.PasteMsg); ok {
		// A paste goes to the filter cleaned and on one line; one
		// longer than any title is no filter and is not taken.
		text := lessons.SanitizeLine(p.Content)
		if !m.list.SettingFilter() || text == "" || utf8.RuneCountInString(text) > MaxFilterPaste {
			return m, nil, screen.None
		}
		msg = tea.PasteMsg{Content: text}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	if m.stale && m.list.FilterState() == list.Unfiltered {
		m.relist()
	}
	return m, cmd, screen.None
}

// MaxFilterPaste is the longest paste the filter takes.
const MaxFilterPaste = 200

// unbound reports whether a key press is a letter or digit that none of
// the screen's bindings takes.
func (m *Model) unbound(kp tea.KeyPressMsg) bool {
	r := []rune(kp.String())
	if len(r) != 1 || !(unicode.IsLetter(r[0]) || unicode.IsDigit(r[0])) {
		return false
	}
	for _, group := range m.Bindings() {
		if key.Matches(kp, group...) {
			return false
		}
	}
	return true
}

// View draws the list, the notices and the footer of keys.
func (m *Model) View() string {
	var b strings.Builder
	b.WriteString(m.listView())
	for _, n := range m.notices {
		b.WriteString("\n" + m.c.Styles.Error.Render(" "+n))
	}
	b.WriteString("\n " + m.c.Help.ShortHelpView(m.ShortBindings()))
	return common.Fit(b.String(), m.c.Width, m.c.Height)
}

// listView draws the list in the box set by Resize. The list model keeps the
// state (items, filter, page, cursor); the drawing is done here, one pass
// over the lines of the page, because list.View measures and pads every
// line several times, which costs more than the 2 ms View budget on a large
// terminal.
func (m *Model) listView() string {
	st := m.c.Styles
	w, h := m.list.Width(), m.list.Height()
	if w < 1 || h < 1 {
		return ""
	}
	var lines []string
	if m.list.SettingFilter() {
		// The box is as wide as the list: its padding would be cut.
		lines = append(lines, " "+strings.TrimRight(m.list.FilterInput.View(), " "))
	} else {
		lines = append(lines, " "+st.Header.Render(m.list.Title))
	}
	// A short screen gives the lessons the room the status lines and the
	// page dots would take: at 20x6 they left nothing but the dots.
	compact := h < 10
	if !compact {
		status := m.status()
		if m.hint != "" {
			status = m.hint
		}
		lines = append(lines, "", " "+st.Muted.Render(status), "")
	}
	items := m.list.VisibleItems()
	start, end := m.list.Paginator.GetSliceBounds(len(items))
	d := delegate{c: m.c, progress: m.progress, now: m.now}
	var b strings.Builder
	for i := start; i < end; i++ {
		b.Reset()
		d.Render(&b, m.list, i, items[i])
		lines = append(lines, strings.Split(b.String(), "\n")...)
		if i < end-1 {
			lines = append(lines, "")
		}
	}
	if len(items) == 0 {
		lines = append(lines, st.Muted.Render("  no lesson matches: esc clears the filter"))
	}
	if m.list.Paginator.TotalPages > 1 && !compact {
		for len(lines) < h-1 {
			lines = append(lines, "")
		}
		lines = append(lines[:min(len(lines), h-1)], "  "+m.pages(w-2))
	}
	return common.Fit(strings.Join(lines, "\n"), w, h)
}

// pages is the list's page dots in w columns, or "page 3 of 700" when
// they would not fit.
func (m *Model) pages(w int) string {
	p := m.list.Paginator
	if p.TotalPages > w {
		return m.c.Styles.Muted.Render(fmt.Sprintf("page %d of %d", p.Page+1, p.TotalPages))
	}
	p.Type = paginator.Dots
	return p.View()
}

// status is the list's status line: how many lessons, and the filter.
func (m Model) status() string {
	n := 0
	for _, it := range m.list.VisibleItems() {
		if _, ok := it.(item); ok {
			n++
		}
	}
	noun := "lessons"
	if n == 1 {
		noun = "lesson"
	}
	if m.reading != "" {
		wait := ""
		switch {
		case m.waiting == 1:
			wait = " · 1 key waits for them"
		case m.waiting > 1:
			wait = fmt.Sprintf(" · %d keys wait for them", m.waiting)
		}
		s := fmt.Sprintf("%d %s · reading the notes in %s…%s", n, noun, m.reading, wait)
		if ansi.StringWidth(s) > m.list.Width()-1 {
			s = fmt.Sprintf("%d %s · reading notes…%s", n, noun, wait) // the folder would be cut
		}
		if ansi.StringWidth(s) > m.list.Width()-1 {
			s = fmt.Sprintf("%d %s · reading notes…", n, noun)
		}
		return s
	}
	if f := m.Filter(); f != "" {
		tail := " · esc clears"
		if m.list.SettingFilter() {
			tail = " · enter keeps, esc drops"
		}
		return fmt.Sprintf("“%s” %d %s%s", f, n, noun, tail)
	}
	return fmt.Sprintf("%d %s", n, noun)
}
