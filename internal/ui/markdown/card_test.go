package markdown

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/hostile"
	"tutor/internal/lessons"
)

func plainCard(t *testing.T, md string, width int) []string {
	t.Helper()
	out, err := Card(md, width, "notty")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(ansi.Strip(out), "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	return lines
}

// TestCardKeepsCJKLines: notes written one line per thought keep their
// lines (glamour joined them with spaces into one wall), English lines of
// a paragraph are still joined, and a list item's CJK lines join without a
// space.
func TestCardKeepsCJKLines(t *testing.T) {
	got := strings.Join(plainCard(t, "进程是资源分配的最小单位。\n线程是调度的最小单位。\n\nEnglish lines\nare joined.\n\n- 第一点\n  第二行\n", 80), "|")
	want := "进程是资源分配的最小单位。|线程是调度的最小单位。||English lines are joined.||• 第一点第二行"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestCardWrapsCJKAtCharacters: a mixed line fills its width, breaking
// inside a run of CJK text rather than before it (glamour broke at the
// space before 左右指针向中间移动 and left the line short), and no line
// starts with closing punctuation.
func TestCardWrapsCJKAtCharacters(t *testing.T) {
	md := "Two pointers 双指针 is used when the array is sorted 排序之后 we move left and right 左右指针向中间移动 until they meet，最后相遇。\n"
	for _, width := range []int{20, 30, 40, 57, 80} {
		lines := plainCard(t, md, width)
		text := width - 6
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > text {
				t.Errorf("width %d: line %q is %d wide, more than %d", width, l, w, text)
			}
			if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("，。、）", r) {
				t.Errorf("width %d: line %q starts with closing punctuation", width, l)
			}
			// Every line but the last is full: the next word or character
			// would not have fitted.
			if i+1 < len(lines) && lines[i+1] != "" {
				next, _ := utf8.DecodeRuneInString(lines[i+1])
				room := text - ansi.StringWidth(l)
				if isCJK(next) && room >= 2+2 {
					t.Errorf("width %d: line %q broke early, before %q", width, l, lines[i+1])
				}
			}
		}
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(strings.TrimSpace(md), " ", "") {
			t.Errorf("width %d: text changed: %q", width, got)
		}
	}
}

func TestCardBreaks(t *testing.T) {
	got := strings.Join(plainCard(t, "| a | b |\n|---|---|\n| one<br>two | x<BR/>y |\n\nline one<br>line two\nand three\n", 60), "|")
	for _, want := range []string{"one · two", "x · y", "|line one|line two and three"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}

func FuzzWrapCJK(f *testing.F) {
	f.Add("Two pointers 双指针 is used 左右指针向中间移动 until，最后。", 10)
	f.Add("中文，。", 2)
	f.Add("仮想ノード。한국어도 조금.", 7)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\t\x1b") || width < 2 || width > 200 {
			return
		}
		out := WrapCJK(s, width)
		if strings.ReplaceAll(strings.ReplaceAll(out, "\n", ""), " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Fatalf("WrapCJK(%q, %d) = %q: the text changed", s, width, out)
		}
		for _, l := range strings.Split(out, "\n") {
			// A line may break at a space before a word that would not
			// start a block there ("0 #" stays whole: "#" would be a
			// heading).
			words := strings.FieldsFunc(l, func(r rune) bool { return r == ' ' })
			if ansi.StringWidth(l) > width && len(words) > 1 && slices.ContainsFunc(words[1:], func(w string) bool { return !startsBlock(w) }) {
				t.Fatalf("WrapCJK(%q, %d): line %q is wider and could break", s, width, l)
			}
		}
	})
}

// CardLines on a paragraph of 20,000 lines beside the floor of its work,
// splitting the text into lines: the pass is linear (it once copied the
// paragraph at every line).
func BenchmarkCardLinesLongParagraph(b *testing.B) {
	md := strings.Repeat("一行中文 and some English words\n", 20000)
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		CardLines(md, 74)
	}
}

func BenchmarkSplitLinesFloor(b *testing.B) {
	md := strings.Repeat("一行中文 and some English words\n", 20000)
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		strings.Split(md, "\n")
	}
}

// FuzzCard renders a note's section, as the loader makes it, as a card at
// a few widths: no panic, no line wider than the width, nothing but
// colours reaches the terminal.
func FuzzCard(f *testing.F) {
	f.Add("进程是资源分配的最小单位。\n线程是调度的最小单位。\n\n| a | b<br>c |\n|---|---|\n| 1 | 2 |\n", 40)
	f.Add("- 第一点\n  second\n\n```python\ndef f():\n    return 1\n```\n\\# a comment\n", 20)
	f.Add("text<br>\nmore  \nhard\\\nbreak", 9)
	f.Fuzz(func(t *testing.T, md string, width int) {
		if len(md) > 4000 || width < 1 || width > 300 {
			return
		}
		notes, _, err := lessons.LoadNotes(fstest.MapFS{"n.md": {Data: []byte(md)}}, ".")
		if err != nil || len(notes) == 0 {
			return
		}
		for _, it := range notes[0].Items {
			for _, style := range []string{"dark", "notty"} {
				out, err := Card(it.Back, width, style)
				if err != nil {
					t.Fatalf("Card(%q, %d): %v", it.Back, width, err)
				}
				for _, l := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(l); w > width {
						t.Fatalf("Card(%q, %d): a line %d wide: %q", it.Back, width, w, l)
					}
				}
				if bad := hostile.CheckControls(out, true); bad != "" {
					t.Fatalf("Card(%q, %d): %s", it.Back, width, bad)
				}
			}
		}
	})
}

// TestWrapKoreanAtSpaces: Korean is written with spaces between words and
// wrapped at them, so no line ends between two Hangul syllables; Chinese
// and Japanese beside it still break between any two characters. The
// tester's paragraph, at every width, and as the note view shows it.
func TestWrapKoreanAtSpaces(t *testing.T) {
	const s = "每个物理节点放置多个虚拟节点，让负载更均匀。日本語も少し：仮想ノード。한국어도 조금."
	hangul := func(r rune) bool { return unicode.Is(unicode.Hangul, r) }
	for width := 6; width <= 80; width++ {
		out := WrapCJK(s, width)
		// Every run of Hangul on a line is one of the paragraph's words.
		for l := range strings.SplitSeq(out, "\n") {
			for _, run := range strings.FieldsFunc(l, func(r rune) bool { return !hangul(r) }) {
				if run != "한국어도" && run != "조금" {
					t.Errorf("width %d: a Korean word is broken: %q in %q", width, run, out)
				}
			}
		}
	}
	// Chinese still breaks between characters: at 20 columns the first
	// line is ten characters wide.
	if got := strings.Split(WrapCJK(s, 20), "\n")[0]; got != "每个物理节点放置多个" {
		t.Errorf("width 20: first line %q, want 每个物理节点放置多个", got)
	}
	out, err := Render("# CJK\n\n"+s+"\n", 80, "notty")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "한국어도 조금.") {
		t.Errorf("the note view breaks 한국어도 조금.:\n%s", out)
	}
}
