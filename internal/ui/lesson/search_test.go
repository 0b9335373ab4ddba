package lesson

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/visuals"
)

// TestFind checks find against an independent search: strings.Index over
// the lower-cased bytes, each byte offset turned into a column by
// ansi.StringWidth, on random lines of ASCII, Greek and CJK words in mixed
// case (lower-casing keeps their byte lengths, so the byte offsets of the
// two strings agree).
func TestFind(t *testing.T) {
	words := []string{"needle", "Needle", "NEEDLE", "hay", "名字", "值", "Δέλτα", "δέλτα", "a", "ne", "edle", "名", "x名字y"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var parts []string
		for range 1 + r.IntN(8) {
			parts = append(parts, words[r.IntN(len(words))])
		}
		sep := []string{" ", "", "  ", "\u00a0"}[r.IntN(4)]
		line := strings.Join(parts, sep)
		q := words[r.IntN(len(words))]
		if r.IntN(3) == 0 {
			q = parts[0] + sep + parts[len(parts)-1]
		}
		got := fmt.Sprint(find(line, query(q)))
		var want [][2]int
		low, lq := strings.ToLower(strings.ReplaceAll(line, "\u00a0", " ")), strings.ToLower(strings.TrimSpace(strings.ReplaceAll(q, "\u00a0", " ")))
		for at := 0; lq != ""; {
			i := strings.Index(low[at:], lq)
			if i < 0 {
				break
			}
			from := ansi.StringWidth(low[:at+i])
			want = append(want, [2]int{from, from + ansi.StringWidth(lq)})
			at += i + len(lq)
		}
		if got != fmt.Sprint(want) {
			t.Fatalf("find(%q, %q) = %s, want %v", line, q, got, want)
		}
	}
	if got := find("名字 and 名字", query("名字")); fmt.Sprint(got) != "[[0 4] [9 13]]" {
		t.Errorf("wide runes: %v", got)
	}
	if find("text", query("  ")) != nil {
		t.Error("a blank search matches")
	}
}

// shown is a character on screen and how it is drawn.
type shown struct {
	r                rune
	reverse, underln bool
}

// shownCells reads a row of a View: its characters and, for each, whether
// the escape sequences before it left reverse video and underline on. It
// reads the SGR sequences itself (0 or none resets, 4/24 and 7/27 set and
// clear), independently of how the screen wrote them.
func shownCells(row string) []shown {
	var out []shown
	rev, und := false, false
	for i := 0; i < len(row); {
		if strings.HasPrefix(row[i:], "\x1b[") {
			j := i + 2
			for j < len(row) && (row[j] < 0x40 || row[j] > 0x7e) {
				j++
			}
			if j < len(row) && row[j] == 'm' {
				for _, p := range strings.Split(row[i+2:j], ";") {
					switch p {
					case "", "0":
						rev, und = false, false
					case "4":
						und = true
					case "24":
						und = false
					case "7":
						rev = true
					case "27":
						rev = false
					}
				}
			}
			i = j + 1
			continue
		}
		r, n := []rune(row[i:])[0], len(string([]rune(row[i:])[0]))
		out = append(out, shown{r, rev, und})
		i += n
	}
	return out
}

// highlights are the runs of reverse video in the note pane's rows of a
// View (up to the note pane's right border), as "row R col C: text", the
// underlined ones marked (current).
func highlights(view string) []string {
	var out []string
	for ri, row := range strings.Split(view, "\n") {
		cells := shownCells(row)
		border := 0
		for i, c := range cells {
			if i > 0 && strings.ContainsRune("│┃║", c.r) {
				border = i
				break
			}
		}
		var run strings.Builder
		cur, col, at := false, 0, 0
		flush := func() {
			if run.Len() > 0 {
				s := fmt.Sprintf("row %d col %d: %s", ri, at, run.String())
				if cur {
					s += " (current)"
				}
				out = append(out, s)
			}
			run.Reset()
			cur = false
		}
		for _, c := range cells[:border] {
			switch {
			case !c.reverse:
				flush()
			case run.Len() == 0:
				at = col
				fallthrough
			default:
				run.WriteRune(c.r)
				cur = cur || c.underln
			}
			col += ansi.StringWidth(string(c.r))
		}
		flush()
	}
	return out
}

func searchLesson() *lessons.Lesson {
	return &lessons.Lesson{ID: "find", Title: "Search test", Body: "# Search test\n\n" +
		"A line with NEEDLE and needle, twice.\n\n" +
		strings.Repeat("Hay and more hay, line after line of it, long enough to wrap.\n\n", 30) +
		"名字 are names: the **needle** is 名字 too, in `code needle` as well.\n\n" +
		strings.Repeat("More hay.\n\n", 30)}
}

// TestSearchHighlightsTheWord: every match on screen is drawn in reverse
// video in the text itself, the current one underlined as well, whatever
// its case, beside CJK text, in bold or in code; n and N move the current
// one, a match at a time, on one line too, and the note follows.
func TestSearchHighlightsTheWord(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		name := fmt.Sprintf("%dx%d", w, h)
		m := open(t, newCommon(w, h), searchLesson(), nil)
		press(t, m, "/")
		typeText(t, m, "Needle")
		press(t, m, "enter")
		check := func(what string, current int) {
			t.Helper()
			hs := highlights(m.View())
			var cur []string
			for _, s := range hs {
				_, text, _ := strings.Cut(s, ": ")
				if !strings.EqualFold(strings.TrimSuffix(text, " (current)"), "needle") {
					t.Errorf("%s %s: a highlight %q is not the word searched", name, what, s)
				}
				if strings.HasSuffix(s, "(current)") {
					cur = append(cur, s)
				}
			}
			if len(cur) != 1 {
				t.Fatalf("%s %s: current highlights %q of %q:\n%s", name, what, cur, hs, screenText(m))
			}
			r := rows(m)
			line := r[atoiRow(cur[0])]
			if !strings.Contains(line, "▶") {
				t.Errorf("%s %s: the current match's row is not marked ▶: %q", name, what, line)
			}
			if foot := r[h-1]; !strings.HasPrefix(foot, fmt.Sprintf(" /Needle: %d of 4", current)) {
				t.Errorf("%s %s: footer %q", name, what, foot)
			}
		}
		check("enter", 1)
		first := m.NoteOffset()
		press(t, m, "n")
		check("n", 2) // the second needle of the same line
		if m.NoteOffset() != first {
			t.Errorf("%s: n on the same line moved the note from %d to %d", name, first, m.NoteOffset())
		}
		press(t, m, "n")
		check("n n", 3)
		if m.NoteOffset() <= first {
			t.Errorf("%s: the note did not follow the match: %d", name, m.NoteOffset())
		}
		press(t, m, "n", "n")
		check("n past the last", 1)
		press(t, m, "N")
		check("N before the first", 4)
		// A resize renders the note again: the fourth match stays current.
		resize(t, m, w+7, h)
		resize(t, m, w, h)
		check("resized", 4)
		checkBox(t, name, m.View(), w, h)
	}
}

func atoiRow(s string) int {
	n, _ := strconv.Atoi(strings.Fields(s)[1])
	return n
}

// TestGoldenSearch pins the TCP note searched for "ack", plain, at 80x24
// and 160x48, after n: the screen and, under it, the highlighted runs of
// the note pane read back from the escape sequences.
func TestGoldenSearch(t *testing.T) {
	l, ok := realCatalog(t).Lookup("tcp")
	if !ok {
		t.Fatal("no tcp lesson")
	}
	v, _ := visuals.Lookup(l.Visual)
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		m := open(t, newCommon(w, h), l, v)
		press(t, m, "/")
		typeText(t, m, "ACK")
		press(t, m, "enter", "n")
		view := m.View()
		checkBox(t, "search", view, w, h)
		hs := highlights(view)
		if len(hs) < 2 {
			t.Errorf("%dx%d: highlights %q", w, h, hs)
		}
		golden(t, fmt.Sprintf("search_%dx%d", w, h), ansi.Strip(view)+"\n--- highlighted in the note\n"+strings.Join(hs, "\n"))
	}
}

// FuzzFind: find on any line and query gives places in order, not
// overlapping, inside the line's width, each as wide as the query's text
// found there.
func FuzzFind(f *testing.F) {
	for _, s := range [][2]string{{"A needle and NEEDLE", "needle"}, {"名字 and 名字", "名字"}, {"code\u00a0x", "e x"}, {"e\u0301e\u0301", "e"}, {"İstanbul", "i"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, line, q string) {
		if !utf8.ValidString(line) || !utf8.ValidString(q) || strings.ContainsFunc(line, unicode.IsControl) {
			return // find is given lines of the render without escapes, cleaned of controls
		}
		end := -1
		for _, c := range find(line, query(q)) {
			if c[0] < end || c[1] <= c[0] || c[1] > ansi.StringWidth(line) {
				t.Fatalf("find(%q, %q): %v after %d", line, q, c, end)
			}
			end = c[1]
		}
	})
}
