package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
