package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/content"
	"tutor/internal/hostile"
	"tutor/internal/lessons"
)

var update = flag.Bool("update", false, "rewrite the golden notes under testdata/")

// corpusNotes is the learner's notes of the loader's corpus, by file name.
func corpusNotes(t *testing.T) map[string]*lessons.Lesson {
	t.Helper()
	notes, _, err := lessons.LoadNotes(os.DirFS("../../lessons/testdata/notes"), ".")
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]*lessons.Lesson{}
	for _, n := range notes {
		byFile[n.ID] = n
	}
	if len(byFile) < 8 {
		t.Fatalf("%d notes in the corpus", len(byFile))
	}
	return byFile
}

// renderedLines is the note rendered in the plain style at width, each
// line with its margin and spaces trimmed.
func renderedLines(t *testing.T, body string, width int) []string {
	t.Helper()
	out, err := Render(body, width, "notty")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("at %d a line %d wide: %q", width, w, l)
		}
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// TestNoteViewKeepsCJKLines: in every note of the corpus, each line of a
// paragraph written in CJK (with no markup, fitting the width) is a line
// of its own in the note view, as it was written; the loader's corpus is
// the oracle, read line by line here.
func TestNoteViewKeepsCJKLines(t *testing.T) {
	checked := 0
	for id, n := range corpusNotes(t) {
		for _, width := range []int{40, 80} {
			got := map[string]bool{}
			for _, l := range renderedLines(t, n.Body, width) {
				got[l] = true
			}
			for line := range strings.SplitSeq(n.Body, "\n") {
				l := strings.TrimSpace(line)
				if !cjkLine(l) || strings.ContainsAny(l, "#*_`[]<>|\\") || listItemRE.MatchString(l) || ansi.StringWidth(l) > width-6 {
					continue
				}
				checked++
				if !got[l] {
					t.Errorf("%s at %d: %q is not a line of its own", id, width, l)
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d CJK lines checked", checked)
	}
}

// TestNoteViewWrapsCJKAtCharacters: a CJK paragraph longer than the
// width breaks between characters, no line is wider than the width, no
// line starts with closing punctuation, and no line breaks early: the
// next line's first character would not have fitted (glamour alone broke
// mixed lines at spaces, leaving half a line empty).
func TestNoteViewWrapsCJKAtCharacters(t *testing.T) {
	n := corpusNotes(t)["my-中文笔记"]
	for _, width := range []int{24, 40, 60} {
		lines := renderedLines(t, n.Body, width)
		between := 0
		for i := 1; i < len(lines); i++ {
			prev, cur := lines[i-1], lines[i]
			if cur == "" || prev == "" || strings.HasPrefix(cur, "#") || strings.HasPrefix(prev, "#") {
				continue
			}
			first, _ := utf8.DecodeRuneInString(cur)
			last, _ := utf8.DecodeLastRuneInString(prev)
			if strings.ContainsRune("，。、；：？！）", first) {
				t.Errorf("at %d line %d starts with %q: %q", width, i, first, cur)
			}
			if isCJK(first) && isCJK(last) && !strings.ContainsRune("。？！", last) {
				between++ // a break inside a sentence, between characters
				// The break is not early: the first character of the next line
				// did not fit after this one, or went down with the closing
				// punctuation after it.
				second, _ := utf8.DecodeRuneInString(cur[utf8.RuneLen(first):])
				if w := ansi.StringWidth(prev) + ansi.StringWidth(string(first)); w <= width-6 && !strings.ContainsRune(noLineStart, second) {
					t.Errorf("at %d line %d broke early (%d columns, %q then %q)", width, i, ansi.StringWidth(prev), prev, cur)
				}
			}
		}
		if between == 0 {
			t.Errorf("at %d no paragraph broke between two characters:\n%s", width, strings.Join(lines, "\n"))
		}
	}
}

// TestNoteViewUnfencedCode: a "# comment" line in unfenced Python is not a
// heading in the note view (nor in its contents), and the unfenced code
// keeps its lines, each as written (the file's own lines, in order).
func TestNoteViewUnfencedCode(t *testing.T) {
	notes := corpusNotes(t)
	cases := []struct {
		id      string
		comment string   // a comment in unfenced code
		code    []string // the lines of a run of unfenced code
	}{
		{"my-jekyll-2021-03-04-leetcode-4sum", "# output: [(2, -1, -1, 0), ...]\\n", []string{
			"from collections import Counter",
			"def fourSumCount(A, B, C, D):",
			"ab = Counter(a + b for a in A for b in B)",
			"return sum(ab[-c - d] for c in C for d in D)",
			"",
			"# output: [(2, -1, -1, 0), ...]\\n",
			"print(fourSumCount([1, 2], [-2, -1], [-1, 2], [0, 2]))",
		}},
		{"my-jekyll-2020-11-02-two-pointers", "", []string{
			"def two_sum_sorted(nums, target):",
			"lo, hi = 0, len(nums) - 1",
			"while lo < hi:",
			"s = nums[lo] + nums[hi]",
			"if s == target:",
			"return lo, hi",
			"if s < target:",
			"lo += 1",
			"else:",
			"hi -= 1",
			"return None",
		}},
	}
	for _, c := range cases {
		n := notes[c.id]
		if n == nil {
			t.Fatalf("no note %s", c.id)
		}
		if c.comment != "" {
			for _, h := range Headings(n.Body) {
				if strings.Contains(c.comment, h.Text) {
					t.Errorf("%s: the comment %q is a heading of the contents", c.id, h.Text)
				}
			}
		}
		for _, width := range []int{120} {
			lines := renderedLines(t, n.Body, width)
			at := -1
			for i, l := range lines {
				if l == c.code[0] {
					at = i
				}
			}
			if at < 0 {
				t.Fatalf("%s at %d: no line %q in\n%s", c.id, width, c.code[0], strings.Join(lines, "\n"))
			}
			for k, want := range c.code {
				if at+k >= len(lines) || lines[at+k] != want {
					t.Fatalf("%s at %d: line %d of the code is %q, want %q:\n%s", c.id, width, k, lines[min(at+k, len(lines)-1)], want, strings.Join(lines[at:], "\n"))
				}
			}
		}
	}
}

// TestNoteViewGolden pins the note view of a CJK note and of a note with
// unfenced Python, at 80 and 40 columns, in the plain style.
func TestNoteViewGolden(t *testing.T) {
	notes := corpusNotes(t)
	for _, id := range []string{"my-中文笔记", "my-jekyll-2021-03-04-leetcode-4sum", "my-jekyll-2020-11-02-two-pointers"} {
		for _, width := range []int{80, 40} {
			out, err := Render(notes[id].Body, width, "notty")
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join("testdata", "noteview", strings.TrimPrefix(id, "my-")+"."+itoa(width)+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, []byte(out+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (go test -run TestNoteViewGolden -update writes it)", err)
			}
			if out+"\n" != string(want) {
				t.Errorf("%s at %d differs from %s:\n%s", id, width, name, out)
			}
		}
	}
}

func itoa(n int) string {
	return fmt.Sprint(n)
}

// TestWrapCJKStartsNoBlock: a wrapped line never starts with a word that
// would make it a block of its own (a list's "1.", a "-", a heading's #,
// a quote's >): the paragraph stays one paragraph, its text whole.
func TestWrapCJKStartsNoBlock(t *testing.T) {
	for _, s := range []string{
		`utf8.RuneCountInString("名") is 1. A length prefix must count bytes`,
		"时间复杂度是 O(n) - 空间 # 常数 > 线性 + 对数 2) 第二",
	} {
		for width := 4; width <= 40; width++ {
			out := WrapCJK(s, width)
			if strings.ReplaceAll(strings.ReplaceAll(out, "\n", ""), " ", "") != strings.ReplaceAll(s, " ", "") {
				t.Fatalf("WrapCJK(%q, %d) lost text: %q", s, width, out)
			}
			for i, l := range strings.Split(out, "\n")[1:] {
				if w, _, _ := strings.Cut(l, " "); startsBlock(w) || listItemRE.MatchString(l) {
					t.Errorf("WrapCJK(%q, %d): line %d starts a block: %q", s, width, i+1, l)
				}
			}
		}
	}
}

// BenchmarkHeadingsNote measures Headings, which the lesson screen calls
// when it opens a note, on the corpus's 100 KB Q&A file and on the TCP
// lesson, beside its share: lessons.FenceCode alone, and the floor of
// splitting the note into lines.
func BenchmarkHeadingsNote(b *testing.B) {
	notes, _, err := lessons.LoadNotes(os.DirFS("../../lessons/testdata/notes"), ".")
	if err != nil {
		b.Fatal(err)
	}
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	bodies := map[string]string{"tcp": cat.Lessons()[0].Body}
	for _, l := range cat.Lessons() {
		if l.ID == "tcp" {
			bodies["tcp"] = l.Body
		}
	}
	for _, n := range notes {
		if n.ID == "my-qa-interview-qa" {
			bodies["qa"] = n.Body
		}
	}
	for _, name := range []string{"qa", "tcp"} {
		body := bodies[name]
		b.Run(name+"/Headings", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Headings(body)
			}
		})
		b.Run(name+"/FenceCode", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				lessons.FenceCode(body)
			}
		})
		b.Run(name+"/SplitFloor", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				strings.Split(body, "\n")
			}
		})
	}
}

// FuzzNoteView renders any note, as the loader reads it, in the note view
// at any width: no panic, no line wider than the width, nothing but
// colours reaches the terminal; and lessons.FenceCode, which the view
// reads the note through, only adds fence lines and escapes comments
// (and drops the escape of a comment it fences): the note's own lines are
// all there, in order.
func FuzzNoteView(f *testing.F) {
	f.Add("# 笔记\n\n进程是资源分配的最小单位。\n线程是调度的最小单位。\n\n## Code\n\nfrom x import y\ndef f(a):\n    return a\n# output: [1, 2]\nprint(f(1))\n", 40)
	f.Add("utf8.RuneCountInString(\"名\") is 1. A length prefix\n- 第一点\n  second\n\n| a | b<br>c |\n|---|---|\n", 20)
	f.Add("Title\n===\nx = 1\n---\n# a = 1\n```\n# x\n```\n", 9)
	f.Fuzz(func(t *testing.T, md string, width int) {
		if len(md) > 4000 || width < 1 || width > 300 {
			return
		}
		notes, _, err := lessons.LoadNotes(fstest.MapFS{"n.md": {Data: []byte(md)}}, ".")
		if err != nil || len(notes) == 0 {
			return
		}
		body := notes[0].Body
		fenced := strings.Split(lessons.FenceCode(body), "\n")
		k := 0
		for _, l := range strings.Split(body, "\n") {
			for k < len(fenced) && fenced[k] != l && fenced[k] != `\`+l && fenced[k] != strings.TrimPrefix(l, `\`) {
				if f := strings.TrimSpace(fenced[k]); !strings.HasPrefix(f, "```") {
					t.Fatalf("FenceCode(%q) changed a line: %q where %q was", body, fenced[k], l)
				}
				k++
			}
			if k == len(fenced) {
				t.Fatalf("FenceCode(%q) lost the line %q", body, l)
			}
			k++
		}
		for _, style := range []string{"dark", "notty"} {
			out, err := Render(body, width, style)
			if err != nil {
				t.Fatalf("Render(%q, %d): %v", body, width, err)
			}
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Fatalf("Render(%q, %d): a line %d wide: %q", body, width, w, l)
				}
			}
			if bad := hostile.CheckControls(out, true); bad != "" {
				t.Fatalf("Render(%q, %d): %s", body, width, bad)
			}
			Headings(body)
		}
	})
}

// TestCJKListItemWraps: a list item of CJK text wraps between characters,
// in a card and in the note view, and its marker keeps the text beside
// it (glamour alone left "2." on a line by itself and the text under it).
func TestCJKListItemWraps(t *testing.T) {
	md := "1. 先排序 sort the array\n2. 固定前两个数，用双指针找后两个数，跳过重复元素\n"
	for _, width := range []int{30, 40} {
		out, err := Card(md, width, "notty")
		if err != nil {
			t.Fatal(err)
		}
		view := renderedLines(t, md+"\n中文。\n", width)
		for _, lines := range [][]string{strings.Split(ansi.Strip(out), "\n"), view} {
			var text []string
			for _, l := range lines {
				l = strings.TrimSpace(l)
				if w := ansi.StringWidth(l); w > width-6 {
					t.Errorf("at %d a line %d wide: %q", width, w, l)
				}
				if l == "2." {
					t.Errorf("at %d the marker is alone on its line:\n%s", width, strings.Join(lines, "\n"))
				}
				text = append(text, l)
			}
			if got := strings.ReplaceAll(strings.Join(text, ""), " ", ""); !strings.Contains(got, "2.固定前两个数，用双指针找后两个数，跳过重复元素") {
				t.Errorf("at %d the item's text changed: %q", width, got)
			}
		}
	}
}

// TestNoteViewBreaks: a <br> in a table cell of a note written in English
// keeps the two texts apart in the note view, as in a card (glamour drops
// it and glued "database" to "in one operation").
func TestNoteViewBreaks(t *testing.T) {
	n := corpusNotes(t)["my-hugo-cache-strategies"]
	text := strings.Join(renderedLines(t, n.Body, 120), "\n")
	for _, want := range []string{"cache and database · in one operation", "cache first · database later"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if out := strings.Join(renderedLines(t, "line one<br>line two\nand three\n", 60), "|"); out != "line one|line two and three" {
		t.Errorf("a paragraph's <br>: %q", out)
	}
}

// TestQuoteLinesJoin: in a card and in a note that reads as one, the
// lines of an English quote join as a paragraph's do, and CJK quote lines
// keep their breaks.
func TestQuoteLinesJoin(t *testing.T) {
	md := "> An English quote written\n> over two lines.\n>\n> 第一行。\n> 第二行。\n\n> > nested\n> > too\n"
	want := "|| An English quote written over two lines.|||| 第一行。|| 第二行。||||| | nested too"
	got := strings.Join(plainCard(t, md, 60), "|")
	if got != want {
		t.Errorf("card:\n got  %q\nwant %q", got, want)
	}
	view := renderedLines(t, md+"\n中文。\n中文。\n", 60)
	for _, line := range []string{"| An English quote written over two lines.", "| 第一行。", "| 第二行。", "| | nested too"} {
		if !slices.Contains(view, line) {
			t.Errorf("note view: no line %q in\n%s", line, strings.Join(view, "\n"))
		}
	}
}

// TestSetextInNoteReadAsCard: a setext heading of English text in a note
// written in CJK is still a heading (CardLines joined "Title ===" into a
// paragraph).
func TestSetextInNoteReadAsCard(t *testing.T) {
	md := "English title\n===\n\n进程。\n线程。\n\nSub title\n---\n\ntext\n"
	lines := renderedLines(t, md, 60)
	for _, want := range []string{"# English title", "## Sub title", "进程。", "线程。"} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, strings.Join(lines, "\n"))
		}
	}
}

// BenchmarkRenderNoteView measures the note view (Render) of the corpus's
// CJK note, its 100 KB Q&A file (CJK lines, unfenced code) and the TCP
// lesson, beside glamour alone on the same text with the same options:
// the cost of reading a note as its cards do is the difference.
func BenchmarkRenderNoteView(b *testing.B) {
	notes, _, err := lessons.LoadNotes(os.DirFS("../../lessons/testdata/notes"), ".")
	if err != nil {
		b.Fatal(err)
	}
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	bodies := map[string]string{}
	for _, l := range cat.Lessons() {
		if l.ID == "tcp" {
			bodies["tcp"] = l.Body
		}
	}
	for _, n := range notes {
		switch n.ID {
		case "my-qa-interview-qa":
			bodies["qa"] = n.Body
		case "my-中文笔记":
			bodies["cjk"] = n.Body
		}
	}
	for _, name := range []string{"cjk", "qa", "tcp"} {
		body := bodies[name]
		b.Run(name+"/Render", func(b *testing.B) {
			for b.Loop() {
				if _, err := Render(body, 80, "dark"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/glamour", func(b *testing.B) {
			for b.Loop() {
				r, err := glamour.NewTermRenderer(styleOption("dark"), glamour.WithWordWrap(78), glamour.WithTableWrap(true))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.Render(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestNoteViewIndentedCodeAfterList: the tester's note: a "# comment" in
// indented code after a list is shown as code, its # kept (an H1 drops
// it), not as a heading.
func TestNoteViewIndentedCodeAfterList(t *testing.T) {
	body := "# No front\n\n## S\n\n- one\n- two\n\n    # an unfenced comment in indented code\n    x = 1\n"
	out, err := Render(body, 80, "dark")
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	if !strings.Contains(plain, "# an unfenced comment in indented code") {
		t.Errorf("the comment lost its #, drawn as a heading:\n%s", plain)
	}
	for _, h := range Headings(body) {
		if h.Text == "an unfenced comment in indented code" {
			t.Errorf("the comment is a heading of the contents")
		}
	}
}
