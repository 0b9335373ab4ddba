package lessons

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/content"
)

// TestShippedLessons holds the embedded lessons to the project's standard:
// they load, they end with the common mistakes, the interview answer and
// their sources, they have enough quiz items of both kinds, and their code
// blocks and tables fit an 80-column terminal with the note's margins.
func TestShippedLessons(t *testing.T) {
	cat, err := Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Lessons()) < 8 {
		t.Errorf("%d lessons, want the eight of the catalog", len(cat.Lessons()))
	}
	for _, l := range cat.Lessons() {
		for _, h := range []string{"## Common mistakes", "## How to answer this in an interview", "## Sources"} {
			if !strings.Contains(l.Body, "\n"+h) {
				t.Errorf("%s: no section %q", l.ID, h)
			}
		}
		want := 12 // a topic note
		if l.Visual != "" {
			want = 10 // a solution's lesson, which also has generated exercises
		}
		kinds := map[Kind]int{}
		for _, it := range l.Items {
			kinds[it.Kind]++
		}
		if len(l.Items) < want || kinds[Recall] == 0 || kinds[Choice] == 0 {
			t.Errorf("%s: %d quiz items (%d recall, %d choice), want %d or more of both kinds", l.ID, len(l.Items), kinds[Recall], kinds[Choice], want)
		}
		if n := strings.Count(l.Body, "\n"); n < 150 || n > 420 {
			t.Errorf("%s: %d lines, want a study note of about 150 to 400", l.ID, n)
		}
		fence := false
		for i, line := range strings.Split(l.Body, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "```") {
				fence = !fence
				continue
			}
			if (fence || strings.HasPrefix(line, "|")) && ansi.StringWidth(strings.ReplaceAll(line, "\t", "    ")) > 76 {
				t.Errorf("%s line %d: %d columns in a code block or table, want at most 76", l.ID, i+1, ansi.StringWidth(line))
			}
		}
		if fence {
			t.Errorf("%s: a code block is not closed", l.ID)
		}
	}
}
