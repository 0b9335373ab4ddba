package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/content"
	"tutor/internal/lessons"
)

const doc = "# Title\n\nA paragraph long enough to wrap at narrow widths, with `code` and **bold** words in it.\n\n```go\nfunc f() {\n\treturn // a tab-indented line that is long enough to pass forty\n}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"

func TestRenderFitsWidth(t *testing.T) {
	for _, style := range []string{"dark", "light", "notty"} {
		for _, w := range []int{1, 10, 20, 40, 80, 200} {
			out, err := Render(doc, w, style)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(out, "\n") {
				if lw := ansi.StringWidth(line); lw > w {
					t.Errorf("%s at %d: line %d is %d wide: %q", style, w, i, lw, ansi.Strip(line))
				}
				if strings.Contains(line, "\t") {
					t.Errorf("%s at %d: a raw tab in %q", style, w, line)
				}
				if strings.HasSuffix(ansi.Strip(line), " ") && w >= 40 {
					t.Errorf("%s at %d: trailing padding in %q", style, w, ansi.Strip(line))
				}
			}
			if w >= 20 && !strings.Contains(ansi.Strip(out), "Title") {
				t.Errorf("%s at %d: the title is lost", style, w)
			}
		}
	}
	if out, _ := Render(doc, 80, "notty"); strings.Contains(out, "\x1b[3") {
		t.Error("notty output has colour")
	}
}

func TestCache(t *testing.T) {
	var c Cache
	k := Key{Doc: "tcp", Width: 80, Style: "dark"}
	if _, ok := c.Get(k); ok {
		t.Fatal("empty cache has a render")
	}
	c.Put(k, "x")
	if s, ok := c.Get(k); !ok || s != "x" {
		t.Fatal("cache lost a render")
	}
	if _, ok := c.Get(Key{Doc: "tcp", Width: 81, Style: "dark"}); ok {
		t.Fatal("another width shares a render")
	}
}

func TestJoinListLines(t *testing.T) {
	in := "Para one\nwraps.\n\n- item one that is\n  continued here\nand lazily here\n- item two\n  - nested\n    more\n\n1. first\n   second line\n> quote\n\n```\n- code\n  not joined\n```\n- last\n| a | b |\n"
	want := "Para one\nwraps.\n\n- item one that is continued here and lazily here\n- item two\n  - nested more\n\n1. first second line\n> quote\n\n```\n- code\n  not joined\n```\n- last\n| a | b |\n"
	if got := JoinListLines(in); got != want {
		t.Errorf("JoinListLines:\n%s\nwant\n%s", got, want)
	}
	out, err := Render("- item one that is\n  continued here\n- item two\n", 60, "notty")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ansi.Strip(out), "item one that is continued here") {
		t.Errorf("a wrapped list item renders broken:\n%s", out)
	}
}

// TestPlainHasNoMarkup: the plain style shows strong and emphasised text
// in bold and italic, not between the markdown's own ** and * markers.
func TestPlainHasNoMarkup(t *testing.T) {
	out, err := Render("A **strong** and an *emphasised* word.\n", 60, "notty")
	if err != nil {
		t.Fatal(err)
	}
	if plain := ansi.Strip(out); strings.Contains(plain, "*") || !strings.Contains(plain, "A strong and an emphasised word.") {
		t.Errorf("plain text %q", plain)
	}
	if !strings.Contains(out, "\x1b[1m") && !strings.Contains(out, ";1m") && !strings.Contains(out, "[1;") {
		t.Errorf("strong text is not bold: %q", out)
	}
}

// TestCodeLinesAreCutNotWrapped: a fenced line too wide for the note is
// cut with … on its own line, at every width, in every style, so that a
// diagram keeps its rows.
func TestCodeLinesAreCutNotWrapped(t *testing.T) {
	md := "Text.\n\n```\n" + strings.Repeat("wide ", 60) + "\nnext row\n```\n"
	for _, style := range []string{"notty", "dark", "light"} {
		for w := 20; w <= 160; w += 7 {
			out, err := Render(md, w, style)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(ansi.Strip(out), "\n")
			for i, l := range lines {
				if strings.Contains(l, "wide") {
					if !strings.HasSuffix(strings.TrimRight(l, " "), "…") || i+1 >= len(lines) || !strings.Contains(lines[i+1], "next row") {
						t.Errorf("%s at %d: the wide line was wrapped, not cut:\n%s", style, w, ansi.Strip(out))
					}
					break
				}
			}
		}
	}
}

func TestHeadings(t *testing.T) {
	md := "# Title\n\ntext # not a heading\n\n## Second `code` and **bold** ##\n\n```\n# in code\n```\n\n####### seven is not one\n#no space\n   ### Indented [link](http://x) here\n#\n"
	got := Headings(md)
	want := []Heading{{1, "Title"}, {2, "Second `code` and **bold**"}, {3, "Indented [link](http://x) here"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Headings = %v, want %v", got, want)
	}
	// Setext headings, found in the render as glamour draws them.
	md = "Setext title\n============\n\nintro\n\nA section\n---------\n\ntext\n\nnot a heading\nbut a paragraph\n---\n\n- item\n---\n\n    code\n    ---\n"
	got = Headings(md)
	want = []Heading{{1, "Setext title"}, {2, "A section"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("setext: Headings = %v, want %v", got, want)
	}
	out, err := Render(md, 40, "notty")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	at := HeadingLines(lines, got)
	if at[0] < 0 || at[1] <= at[0] || !strings.Contains(lines[at[1]], "## A section") {
		t.Errorf("setext headings on lines %v of\n%s", at, out)
	}
}

// TestHeadingLinesShippedNotes finds every heading of every shipped note
// in its render, plain at 20 columns (the TCP note also at 117, and in
// the dark and light styles at 27 and 160): each on a line of its own
// after the one before, holding its first word; and at each
// level from 2 the lines found are exactly the lines that start with that
// level's # marks in the plain style (glamour's own marking, an oracle
// independent of the matching).
func TestHeadingLinesShippedNotes(t *testing.T) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	for _, ls := range cat.Lessons() {
		id := ls.ID
		hs := Headings(ls.Body)
		if len(hs) < 3 {
			t.Fatalf("%s: %d headings", id, len(hs))
		}
		for _, style := range []string{"notty", "dark", "light"} {
			// glamour takes a second a render of a long note under the
			// race detector: the colour styles are checked on one note.
			widths := map[string][]int{"notty": {20, 117}, "dark": {27}, "light": {160}}[style]
			if id != "tcp" {
				widths = map[string][]int{"notty": {20}}[style]
			}
			for _, w := range widths {
				out, err := Render(ls.Body, w, style)
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(out, "\n")
				at := HeadingLines(lines, hs)
				prev := -1
				for i, n := range at {
					first := strings.Fields(plainHeading(hs[i].Text))[0]
					if n <= prev {
						t.Fatalf("%s %s at %d: heading %q found on line %d (after %d)", id, style, w, hs[i].Text, n, prev)
					}
					text := ansi.Strip(lines[n])
					if strings.Trim(text, " #") == "" && n+1 < len(lines) {
						text = ansi.Strip(lines[n+1]) // the marks alone, the text below
					}
					if !strings.Contains(text, first[:min(len(first), w/3)]) {
						t.Fatalf("%s %s at %d: heading %q found on line %d (after %d)", id, style, w, hs[i].Text, n, prev)
					}
					prev = n
				}
				if style != "notty" {
					continue
				}
				var marked, found []int
				for j, line := range lines {
					if p := strings.TrimSpace(ansi.Strip(line)); strings.HasPrefix(p, "## ") || strings.HasPrefix(p, "### ") || p == "##" || p == "###" {
						marked = append(marked, j)
					}
				}
				for i, n := range at {
					if hs[i].Level == 2 || hs[i].Level == 3 {
						found = append(found, n)
					}
				}
				if fmt.Sprint(marked) != fmt.Sprint(found) {
					t.Errorf("%s at %d: lines marked ## or ### %v, headings found on %v", id, w, marked, found)
				}
			}
		}
	}
}

func TestHeadingPlain(t *testing.T) {
	for in, want := range map[string]string{
		"Second `code` and **bold**":  "Second code and bold",
		"[RFC 9293](https://x) §3.10": "RFC 9293 §3.10",
		"snake_case and *emphasis*":   "snake_case and emphasis",
		"  名字  and   __strong__ text": "名字 and strong text",
	} {
		if got := (Heading{2, in}).Plain(); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzHeadings: any note gives headings of level 1 to 6 with text on one
// line, and HeadingLines over any lines gives, for each, -1 or a line of
// them, the lines found in increasing order.
func FuzzHeadings(f *testing.F) {
	for _, s := range []string{"# a\n\n## b\n", "Title\n===\n", "```\n# x\n```\n## y ##\n", "  ### 名字 `code`\n", "##\nword\n", "- item\n---\n", "\u00a0# x\n#\t\n"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, md, rendered string) {
		hs := Headings(md)
		for _, h := range hs {
			if h.Level < 1 || h.Level > 6 || h.Text == "" || strings.ContainsAny(h.Text, "\n") {
				t.Fatalf("heading %+v of %q", h, md)
			}
			_ = h.Plain()
		}
		lines := strings.Split(rendered, "\n")
		prev := -1
		for i, n := range HeadingLines(lines, hs) {
			if n == -1 {
				continue
			}
			if n <= prev || n >= len(lines) {
				t.Fatalf("heading %d found on line %d after %d, of %d lines", i, n, prev, len(lines))
			}
			prev = n
		}
	})
}
