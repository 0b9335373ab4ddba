package lesson

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/visuals"
)

// tocLesson is a note of headings at three levels, one heading a paragraph
// apart, so that each is on a page of its own at 40x12.
func tocLesson() *lessons.Lesson {
	var b strings.Builder
	b.WriteString("# Contents test\n\n")
	for i := range 12 {
		level := "##"
		if i%3 == 2 {
			level = "###"
		}
		fmt.Fprintf(&b, "%s Part %d `code` name\n\n", level, i)
		for j := range 6 {
			fmt.Fprintf(&b, "Text of part %d, paragraph %d, long enough to wrap once at a narrow width.\n\n", i, j)
		}
	}
	b.WriteString("```\n## not a heading: code\n```\n")
	return &lessons.Lesson{ID: "toc", Title: "Contents test", Body: b.String()}
}

// noteRows are the rows of the note pane's text on screen, without the
// pane's borders and margin.
func noteRows(m *Model) []string {
	var out []string
	for _, r := range rows(m)[3 : len(rows(m))-2] {
		r = strings.TrimLeft(r, "│┃║")
		if i := strings.IndexAny(r, "│┃║"); i >= 0 {
			r = r[:i]
		}
		out = append(out, strings.TrimSpace(r))
	}
	return out
}

func TestContents(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		name := fmt.Sprintf("%dx%d", w, h)
		m := open(t, newCommon(w, h), tocLesson(), counter)
		titles, lines := m.Headings()
		if len(titles) != 13 || titles[0] != "Contents test" || titles[1] != "Part 0 code name" || titles[12] != "Part 11 code name" {
			t.Fatalf("%s: headings %q", name, titles)
		}
		if !m.wide() {
			press(t, m, "tab") // from the visual pane: the contents shows over the note
		}
		press(t, m, "T")
		if !m.Contents() || m.Capturing() {
			t.Fatalf("%s: T: contents %v, capturing %v", name, m.Contents(), m.Capturing())
		}
		s := screenText(m)
		if !strings.Contains(s, "Contents · 1 of 13") || !strings.Contains(s, "▶ Contents test") || !strings.Contains(s, "enter go there") {
			t.Errorf("%s: the contents:\n%s", name, s)
		}
		// Part 2 is a level below Part 1: indented two more.
		for _, r := range noteRows(m) {
			if strings.HasSuffix(r, "Part 2 code name") && !strings.HasPrefix(r, "    Part 2") && !strings.HasPrefix(r, "Part 2") {
				t.Errorf("%s: the third-level heading is not indented under the second: %q", name, r)
			}
		}
		// Down to Part 7, past a page at 40x12: the cursor stays in view.
		press(t, m, "j", "j", "j", "j", "j", "j", "j", "j")
		if s := screenText(m); !strings.Contains(s, "▶     Part 7 code name") && !strings.Contains(s, "▶   Part 7 code name") {
			t.Errorf("%s: the cursor is not on Part 7:\n%s", name, s)
		}
		press(t, m, "enter")
		if m.Contents() || m.NoteOffset() != lines[8] {
			t.Fatalf("%s: enter: contents %v, note at %d, want %d", name, m.Contents(), m.NoteOffset(), lines[8])
		}
		if r := noteRows(m); !strings.Contains(r[0], "Part 7") {
			t.Errorf("%s: the note does not start at Part 7: %q", name, r[0])
		}
		// esc closes it and leaves the note, the focus and the run as
		// they were, whatever was pressed in between.
		before := m.View()
		press(t, m, "T", "G", "l", "tab", "s", "c", "/", "e", "esc")
		if m.Contents() || m.View() != before || m.Focus() != NotePane && m.wide() {
			t.Errorf("%s: after T ... esc the screen changed:\n%s", name, screenText(m))
		}
		press(t, m, "tab")
		if !m.wide() {
			press(t, m, "T", "T") // T closes it too, back to the pane it came from
			if m.Focus() != VisualPane {
				t.Errorf("%s: the focus after T T from the visual pane: %v", name, m.Focus())
			}
		}
		checkBox(t, name, m.View(), w, h)
	}
}

// TestContentsFollowsTheRender: a resize renders the note again at the new
// width; the contents finds its headings in the new render, and the cursor
// stays on its heading.
func TestContentsFollowsTheRender(t *testing.T) {
	m := open(t, newCommon(160, 48), tocLesson(), nil)
	_, wide := m.Headings()
	press(t, m, "T", "j", "j", "j")
	resize(t, m, 40, 12)
	_, narrow := m.Headings()
	if len(narrow) != len(wide) || narrow[3] <= wide[3] {
		t.Fatalf("headings at 160 %v, at 40 %v", wide, narrow)
	}
	if s := screenText(m); !strings.Contains(s, "Contents · 4 of 13") {
		t.Errorf("the cursor left its heading on a resize:\n%s", s)
	}
	press(t, m, "enter")
	if m.NoteOffset() != narrow[3] {
		t.Errorf("note at %d, want %d", m.NoteOffset(), narrow[3])
	}
	// A note without headings says so.
	m = open(t, newCommon(80, 24), &lessons.Lesson{ID: "flat", Title: "Flat", Body: "Only text.\n"}, nil)
	press(t, m, "T")
	if s := screenText(m); !strings.Contains(s, "this note has no headings") {
		t.Errorf("a note without headings:\n%s", s)
	}
	press(t, m, "enter")
	if m.Contents() {
		t.Error("enter does not close an empty contents")
	}
}

// TestGoldenContents pins the TCP note's contents, plain, at 80x24 and
// 160x48, the cursor moved three headings down; and the note after enter.
func TestGoldenContents(t *testing.T) {
	l, ok := realCatalog(t).Lookup("tcp")
	if !ok {
		t.Fatal("no tcp lesson")
	}
	v, _ := visuals.Lookup(l.Visual)
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		m := open(t, newCommon(w, h), l, v)
		press(t, m, "T", "j", "j", "j")
		got := screenText(m)
		checkBox(t, "contents", got, w, h)
		golden(t, fmt.Sprintf("contents_%dx%d", w, h), got)
		press(t, m, "enter")
		got = screenText(m)
		if !strings.Contains(ansi.Strip(noteRows(m)[0]), "## Opening: the three-way handshake") {
			t.Errorf("%dx%d: enter does not open the note at the heading:\n%s", w, h, got)
		}
		golden(t, fmt.Sprintf("contents_jump_%dx%d", w, h), got)
	}
}
