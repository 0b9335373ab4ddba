package stats

import (
	"strings"
	"testing"
	"time"

	"tutor/internal/review"
	"tutor/internal/ui/styles"
)

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 400 * time.Millisecond: "0s", 28 * time.Second: "28s", 4*time.Minute + 5*time.Second: "4m 05s",
		3*time.Hour + 12*time.Minute + 40*time.Second: "3h 12m", 100 * time.Hour: "100h 00m",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestChart: the busiest day is a full column, a day with one review of a
// hundred still shows an eighth, a day with none nothing; columns are two
// wide when they fit and one wide when not.
func TestChart(t *testing.T) {
	days := make([]review.Day, review.StatsDays)
	days[0].Reviews = 100
	days[1].Reviews = 1
	days[2].Reviews = 50
	for _, w := range []int{80, 40} {
		lines := chart(days, w, styles.Styles{})
		if len(lines) != ChartRows+1 {
			t.Fatalf("%d lines", len(lines))
		}
		cw := 2
		if w < 65 {
			cw = 1
		}
		col := func(row, day int) string {
			r := []rune(lines[row])
			return string(r[len([]rune("100 ┤"))+day*cw])
		}
		for row := range ChartRows {
			if col(row, 0) != "█" {
				t.Errorf("width %d: the busiest day's row %d is %q", w, row, col(row, 0))
			}
			want := " "
			if row == ChartRows-1 {
				want = "▁"
			}
			if col(row, 1) != want || col(row, 3) != " " {
				t.Errorf("width %d row %d: one review %q, none %q", w, row, col(row, 1), col(row, 3))
			}
		}
		// Half the busiest day: two and a half rows of five.
		if col(2, 2) != "▄" || col(3, 2) != "█" || col(1, 2) != " " {
			t.Errorf("width %d: half a day %q %q %q", w, col(1, 2), col(2, 2), col(3, 2))
		}
		if !strings.HasSuffix(lines[ChartRows], "today") {
			t.Errorf("axis %q", lines[ChartRows])
		}
	}
}

// TestTextEndsWithTheSummary: the text has no trailing spaces, no escape
// sequences, and ends with the three summary lines.
func TestTextEndsWithTheSummary(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	st := review.ComputeStats(review.DefaultScheduler(), nil, []string{"a"}, now)
	st.All = review.Retention{Passed: 2, Failed: 1}
	st.Reviews, st.Forecast[0] = 3, 7
	out := Text(Report{Stats: st, Notes: []string{"a note"}}, 80)
	if !strings.HasPrefix(out, "a note\n") || !strings.HasSuffix(out, "\nreviews 3\nretention 67%\ndue today 7\n") {
		t.Errorf("text:\n%s", out)
	}
	for i, l := range strings.Split(out, "\n") {
		if l != strings.TrimRight(l, " ") || strings.Contains(l, "\x1b") {
			t.Errorf("line %d %q", i, l)
		}
	}
}
