package home

import (
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/common"
)

// delegate draws a lesson as three lines: title, summary, and its progress
// and tags; the continue line as three too. The selected line has a bar
// in the margin, which shows without colour too.
type delegate struct {
	c        *common.Common
	progress map[string]Progress
	now      time.Time
}

func (d delegate) Height() int                         { return 3 }
func (d delegate) Spacing() int                        { return 1 }
func (d delegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }
func (d delegate) Render(w io.Writer, m list.Model, index int, li list.Item) {
	var lines []string
	selected := index == m.Index()
	switch it := li.(type) {
	case item:
		lines = d.lesson(it, selected)
	case resumeItem:
		lines = d.resume(it, selected)
	default:
		return
	}
	for i, line := range lines {
		lines[i] = ansi.Truncate(line, max(m.Width(), 1), "…")
	}
	fmt.Fprint(w, strings.Join(lines, "\n"))
}

// bar is the margin: a bar for the selected line.
func (d delegate) bar(selected bool) string {
	if selected {
		return d.c.Styles.Selected.Render("┃ ")
	}
	return "  "
}

func (d delegate) lesson(it item, selected bool) []string {
	st := d.c.Styles
	bar := d.bar(selected)
	title := st.Theme.Text.Bold(true).Render(it.l.Title)
	if selected {
		title = st.Selected.Render(it.l.Title)
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
	third := st.Muted.Render(tags)
	if p, ok := d.progress[it.l.ID]; ok {
		third = d.progressLine(p) + "  " + third
	}
	return []string{
		bar + title,
		bar + st.Theme.Text.Render(it.l.Summary),
		bar + third,
	}
}

// progressLine is "5 learned · 2 due · 8 new · studied 3d ago", the due
// count in the accent colour when there are due cards.
func (d delegate) progressLine(p Progress) string {
	st := d.c.Styles
	due := st.Muted.Render(fmt.Sprintf("%d due", p.Due))
	if p.Due > 0 {
		due = st.Accent.Render(fmt.Sprintf("%d due", p.Due))
	}
	studied := "not studied yet"
	if !p.Studied.IsZero() {
		studied = "studied " + Ago(p.Studied, d.now)
	}
	sep := st.Muted.Render(" · ")
	return st.Muted.Render(fmt.Sprintf("%d learned", p.Learned)) + sep + due + sep +
		st.Muted.Render(fmt.Sprintf("%d new", p.New)) + sep + st.Muted.Render(studied)
}

func (d delegate) resume(it resumeItem, selected bool) []string {
	st := d.c.Styles
	bar := d.bar(selected)
	head := "▶ continue " + it.l.Title + " " + it.c.Where()
	title := st.Accent.Bold(true).Render(head)
	if selected {
		title = st.Selected.Render(head)
	}
	detail := fmt.Sprintf("step %d/%d, the note at %d%%, the panes as they were", it.c.Step, it.c.Steps, it.c.Note)
	if it.c.Steps == 0 {
		detail = "the note where you left it"
	}
	return []string{
		bar + title,
		bar + st.Theme.Text.Render(detail),
		bar + st.Muted.Render("left "+Ago(it.c.At, d.now)+" · enter continues"),
	}
}
