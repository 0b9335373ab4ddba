// Package stats is the stats screen: what the review log says about the
// learner's study, after Anki's statistics and kept to what a learner acts
// on. Reviews a day for the last 30 days as a bar chart, true retention
// against the desired retention, the cards due each of the next 14 days,
// the cards forgotten most, and the time spent. The same lines, without
// colour, are what tutor stats prints.
package stats

import (
	"fmt"
	"math"
	"strings"
	"time"

	"tutor/internal/review"
	"tutor/internal/ui/styles"
)

// Report is what the screen shows: the stats and the names of the cards
// they list.
type Report struct {
	Stats review.Stats
	// Names says what each card asks, by card id ("tcp · Which state
	// waits for 2MSL?"); a card without a name shows its id.
	Names map[string]string
	// Notes are lines to show first, such as a log that could not be
	// read in full.
	Notes []string
}

// ChartRows is the height of the reviews-a-day chart, in lines.
const ChartRows = 5

// Lines draws r for a width of w columns with the styles st (the zero
// Styles draws plain text). The last three lines are the summary: reviews
// N (every answer in the log), retention P% (true retention over the whole
// log, "n/a" before the first due review) and due today N (the cards due
// before midnight, overdue ones included).
func Lines(r Report, w int, st styles.Styles) []string {
	s := r.Stats
	var out []string
	add := func(lines ...string) { out = append(out, lines...) }
	head := func(h string) { add("", st.Header.Render(h)) }
	for _, n := range r.Notes {
		add(st.Error.Render(n))
	}

	n, took, studied := s.Recently()
	head("Reviews a day, the last 30 days")
	if n > 0 {
		add(chart(s.Days[:], w, st)...)
	}
	if n == 0 {
		add(st.Muted.Render("no reviews in the last 30 days"))
	} else {
		add(fmt.Sprintf("%s on %d of 30 days, %d a day of study · %s spent, %s a review",
			plural(n, "review"), studied, int(math.Round(float64(n)/float64(studied))),
			Duration(took), Duration(took/time.Duration(n))))
	}
	if t := s.Today(); t.Reviews > 0 {
		add(fmt.Sprintf("today: %s, %d again, %s", plural(t.Reviews, "review"), t.Again, Duration(t.Took)))
	}

	head("True retention (due reviews not graded Again)")
	add(retentionLine("last 30 days", s.Recent, s.Desired, st))
	add(retentionLine("all time    ", s.All, s.Desired, st))

	head("Due, the next 14 days")
	add(forecast(s, w, st)...)

	head("Forgotten most")
	if len(s.Lapsed) == 0 {
		add(st.Muted.Render("no card forgotten after it was learned"))
	}
	for _, l := range s.Lapsed {
		name := r.Names[l.Card]
		if name == "" {
			name = l.Card
		}
		add(fmt.Sprintf("%2d× %s", l.Lapses, name))
	}

	c := s.Cards
	head("Cards")
	add(fmt.Sprintf("%d new · %d learning · %d young · %d mature (%d days or more)", c.New, c.Learning, c.Young, c.Mature, review.MatureDays))
	add(fmt.Sprintf("all time: %s, %s spent", plural(s.Reviews, "review"), Duration(s.Took)))

	add("", st.Header.Render(fmt.Sprintf("reviews %d", s.Reviews)), st.Header.Render("retention "+percent(s.All)), st.Header.Render(fmt.Sprintf("due today %d", s.Forecast[0])))
	return out
}

// Text is r as plain text, w columns wide, one line each, ending with the
// summary lines: what tutor stats prints.
func Text(r Report, w int) string {
	lines := Lines(r, w, styles.Styles{})
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n") + "\n"
}

func percent(r review.Retention) string {
	rate, ok := r.Rate()
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%d%%", int(math.Round(rate*100)))
}

// retentionLine is "last 30 days  87% of 60 · aim 90%: on target", the
// verdict within five points of the aim or on which side of it.
func retentionLine(span string, r review.Retention, desired float64, st styles.Styles) string {
	rate, ok := r.Rate()
	if !ok {
		return span + "  " + st.Muted.Render("no due review yet")
	}
	verdict := st.Good.Render("on target")
	switch d := rate - desired; {
	case d < -0.05:
		verdict = st.Bad.Render("below, more forgetting than planned")
	case d > 0.05:
		verdict = st.Accent.Render("above, intervals could be longer")
	}
	return fmt.Sprintf("%s  %s of %d · aim %d%%: %s", span, percent(r), r.Passed+r.Failed, int(math.Round(desired*100)), verdict)
}

// bars are the eighths of a block, from none to full.
var bars = []rune(" ▁▂▃▄▅▆▇█")

// chart draws the days as columns of blocks, ChartRows high, the highest
// day full; a day with any review shows at least one eighth.
func chart(days []review.Day, w int, st styles.Styles) []string {
	top := 0
	for _, d := range days {
		top = max(top, d.Reviews)
	}
	label := len(fmt.Sprint(top))
	cw := 1
	if w >= label+2+2*len(days) {
		cw = 2
	}
	var lines []string
	for row := ChartRows - 1; row >= 0; row-- {
		var b strings.Builder
		switch row {
		case ChartRows - 1:
			fmt.Fprintf(&b, "%*d ┤", label, top)
		case 0:
			fmt.Fprintf(&b, "%*d ┤", label, 0)
		default:
			fmt.Fprintf(&b, "%*s │", label, "")
		}
		var cols strings.Builder
		for _, d := range days {
			eighths := 0
			if top > 0 && d.Reviews > 0 {
				eighths = max(int(math.Round(float64(d.Reviews)/float64(top)*ChartRows*8)), 1)
			}
			fill := min(max(eighths-row*8, 0), 8)
			cols.WriteRune(bars[fill])
			if cw == 2 {
				cols.WriteByte(' ')
			}
		}
		lines = append(lines, b.String()+st.Accent.Render(cols.String()))
	}
	span := len(days) * cw
	axis := strings.Repeat(" ", label+2)
	left, right := "30 days ago", "today"
	if span >= len(left)+len(right)+1 {
		axis += left + strings.Repeat(" ", span-len(left)-len(right)-(cw-1)) + right
	}
	return append(lines, st.Muted.Render(axis))
}

// forecast draws a line a day: its name, the cards due and a bar.
func forecast(s review.Stats, w int, st styles.Styles) []string {
	top := 0
	for _, n := range s.Forecast {
		top = max(top, n)
	}
	room := min(max(w-20, 4), 60) // a longer bar says nothing more
	var lines []string
	for i, n := range s.Forecast {
		day := s.Now.AddDate(0, 0, i)
		name := day.Format("Mon 2 Jan")
		switch i {
		case 0:
			name = "today"
		case 1:
			name = "tomorrow"
		}
		bar := ""
		if top > 0 && n > 0 {
			bar = strings.Repeat("█", max(int(math.Round(float64(n)/float64(top)*float64(room))), 1))
		}
		lines = append(lines, fmt.Sprintf("%-10s %5d %s", name, n, st.Accent.Render(bar)))
	}
	return lines
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Duration is d for a person: "3h 12m", "4m 05s", "28s", "0s".
func Duration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0:
		return fmt.Sprintf("%dh %02dm", h, m)
	case m > 0:
		return fmt.Sprintf("%dm %02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}
