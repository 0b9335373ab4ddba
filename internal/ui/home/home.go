// Package home is the first screen: the list of lessons with their
// summaries, tags and due cards, filtered by typing.
package home

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/screen"
)

// Model is the lesson list.
type Model struct {
	c       *common.Common
	list    list.Model
	due     map[string]int
	notices []string
}

type item struct{ l *lessons.Lesson }

// FilterValue is what typing matches: the title, the id and the tags.
func (i item) FilterValue() string {
	return i.l.Title + " " + i.l.ID + " " + strings.Join(i.l.Tags, " ")
}

// substringFilter keeps the items whose filter value holds every word of
// term, ignoring case, in their original order. Fuzzy matching over whole
// titles matches nearly everything for a two-letter term.
func substringFilter(term string, targets []string) []list.Rank {
	words := strings.Fields(strings.ToLower(term))
	var ranks []list.Rank
	for i, t := range targets {
		lt := strings.ToLower(t)
		var matched []int
		ok := true
		for _, w := range words {
			at := strings.Index(lt, w)
			if at < 0 {
				ok = false
				break
			}
			for j := range len([]rune(w)) {
				matched = append(matched, len([]rune(lt[:at]))+j)
			}
		}
		if ok {
			ranks = append(ranks, list.Rank{Index: i, MatchedIndexes: matched})
		}
	}
	return ranks
}

// New lists the catalog's lessons, with notices (notes that could not be
// read, a damaged review log) in lines under the list.
func New(c *common.Common, cat *lessons.Catalog, notices []string) *Model {
	// Notices name files and quote lines of the review log: clean them
	// here too, whoever made them.
	clean := make([]string, len(notices))
	for i, n := range notices {
		clean[i] = lessons.SanitizeLine(n)
	}
	m := &Model{c: c, notices: clean}
	var items []list.Item
	for _, l := range cat.Lessons() {
		items = append(items, item{l: l})
	}
	m.list = list.New(items, delegate{c: c}, 0, 0)
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

// Restyle applies the current styles.
func (m *Model) Restyle() {
	st := m.c.Styles
	m.list.Styles.Title = st.Header
	m.list.Styles.TitleBar = m.list.Styles.TitleBar.Padding(0, 0, 1, 1)
	m.list.Styles.StatusBar = st.Muted.Padding(0, 0, 1, 1)
	m.list.Styles.NoItems = st.Muted.Padding(0, 0, 0, 2)
}

// SetDue sets the number of due cards per lesson id.
func (m *Model) SetDue(due map[string]int) { m.due = due }

// SetTitle shows the number of cards due in all lessons in the title.
func (m *Model) SetTitle(due int) {
	m.list.Title = "tutor · lessons"
	if due > 0 {
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

// Selected is the lesson under the cursor, or nil.
func (m Model) Selected() *lessons.Lesson {
	if it, ok := m.list.SelectedItem().(item); ok {
		return it.l
	}
	return nil
}

// Bindings are the home screen's keys for the help view.
func (m Model) Bindings() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Open, k.Up, k.Down, m.list.KeyMap.NextPage, m.list.KeyMap.PrevPage, k.Top, k.Bottom},
		{m.list.KeyMap.Filter, m.list.KeyMap.ClearFilter, k.Quiz},
		{k.Help, k.Quit},
	}
}

// ShortBindings are the few keys the footer shows.
func (m Model) ShortBindings() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Open, k.Help, m.list.KeyMap.Filter, k.Quiz, k.Quit} // ? help second: it shows at every width
}

// Update handles the list's keys; enter opens a lesson, c starts a quiz,
// and typing a letter starts filtering with it.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd, screen.Action) {
	if kp, ok := msg.(tea.KeyPressMsg); ok && !m.list.SettingFilter() {
		k := m.c.Keys
		switch {
		case key.Matches(kp, k.Open):
			if l := m.Selected(); l != nil {
				return m, nil, screen.Action{Go: screen.OpenLesson, Lesson: l.ID}
			}
			return m, nil, screen.None
		case key.Matches(kp, k.Quiz):
			return m, nil, screen.Action{Go: screen.StartQuiz}
		case m.startsFilter(kp):
			m.list.SetFilterState(list.Filtering)
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
	return m, cmd, screen.None
}

// MaxFilterPaste is the longest paste the filter takes.
const MaxFilterPaste = 200

// startsFilter reports whether a key press is a letter or digit that none
// of the screen's bindings takes (those the help lists), so typing it
// starts the filter.
func (m *Model) startsFilter(kp tea.KeyPressMsg) bool {
	s := kp.String()
	r := []rune(s)
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
		lines = append(lines, " "+m.list.FilterInput.View())
	} else {
		lines = append(lines, " "+st.Header.Render(m.list.Title))
	}
	// A short screen gives the lessons the room the status lines and the
	// page dots would take: at 20x6 they left nothing but the dots.
	compact := h < 10
	if !compact {
		lines = append(lines, "", " "+st.Muted.Render(m.status()), "")
	}
	items := m.list.VisibleItems()
	start, end := m.list.Paginator.GetSliceBounds(len(items))
	var b strings.Builder
	for i := start; i < end; i++ {
		b.Reset()
		delegate{c: m.c, due: m.due}.Render(&b, m.list, i, items[i])
		lines = append(lines, strings.Split(b.String(), "\n")...)
		if i < end-1 {
			lines = append(lines, "")
		}
	}
	if len(items) == 0 {
		lines = append(lines, st.Muted.Render("  no lesson matches"))
	}
	if m.list.Paginator.TotalPages > 1 && !compact {
		for len(lines) < h-1 {
			lines = append(lines, "")
		}
		lines = append(lines[:min(len(lines), h-1)], "  "+m.list.Paginator.View())
	}
	return common.Fit(strings.Join(lines, "\n"), w, h)
}

// status is the list's status line: how many lessons, and the filter.
func (m Model) status() string {
	n := len(m.list.VisibleItems())
	noun := "lessons"
	if n == 1 {
		noun = "lesson"
	}
	if f := m.list.FilterValue(); f != "" && (m.list.IsFiltered() || m.list.SettingFilter()) {
		return fmt.Sprintf("“%s” %d %s", f, n, noun)
	}
	return fmt.Sprintf("%d %s", n, noun)
}

// delegate draws a lesson as three lines: title (and due cards), summary,
// tags. The selected lesson has a bar in the margin, which shows without
// colour too.
type delegate struct {
	c   *common.Common
	due map[string]int
}

func (d delegate) Height() int                         { return 3 }
func (d delegate) Spacing() int                        { return 1 }
func (d delegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }
func (d delegate) Render(w io.Writer, m list.Model, index int, li list.Item) {
	it, ok := li.(item)
	if !ok {
		return
	}
	st := d.c.Styles
	width := m.Width()
	selected := index == m.Index()
	bar := "  "
	title := st.Theme.Text.Bold(true).Render(it.l.Title)
	if selected {
		bar = st.Selected.Render("┃ ")
		title = st.Selected.Render(it.l.Title)
	}
	if n := d.due[it.l.ID]; n > 0 {
		title += "  " + st.Accent.Render(fmt.Sprintf("%d due", n))
	}
	if it.l.Visual != "" {
		title += "  " + st.Muted.Render("▶ live "+it.l.Visual)
	}
	tags := "#" + strings.Join(it.l.Tags, " #")
	if len(it.l.Tags) == 0 {
		tags = ""
	}
	if it.l.User {
		tags = strings.TrimSpace("your note " + tags)
	}
	lines := []string{
		bar + title,
		bar + st.Theme.Text.Render(it.l.Summary),
		bar + st.Muted.Render(tags),
	}
	for i, line := range lines {
		lines[i] = ansi.Truncate(line, max(width, 1), "…")
	}
	fmt.Fprint(w, strings.Join(lines, "\n"))
}
