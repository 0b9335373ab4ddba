package visual

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func ExampleWrap() {
	for _, l := range Wrap(20, "  ", " · ", "held 70", "owed 0", "shortfall 10") {
		fmt.Println(l)
	}
	// Output:
	// held 70 · owed 0
	//   shortfall 10
}

func ExampleShorten() {
	fmt.Println(Shorten(24, " · ", "count", "step 3/21", "in flight 2"))
	fmt.Println(Shorten(40, " · ", "count", "step 3/21", "in flight 2"))
	fmt.Println(Shorten(4, " · ", "count", "step 3/21"))
	// Output:
	// count · step 3/21
	// count · step 3/21 · in flight 2
	// cou…
}

// TestWrapKeepsEveryWord: at every width, each line fits, lines after the
// first carry the hanging indent when it leaves half the width, and the
// words read in order are the items' words, a word too wide for a line
// cut with … and nothing else changed; an item is broken only when it
// cannot fit on a line of its own, and no line could have taken the first
// item of the next (checked on items of one word). The oracle is the
// items' words, not a second wrapper.
func TestWrapKeepsEveryWord(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"━", "in", "heap", "used", "up", "╌", "expired", "[x]", "this", "step", "名字", "a", "supercalifragilistic", "\x1b[1mbold\x1b[m", "#k", "▼"}
	for range 3000 {
		var items []string
		for range r.IntN(8) {
			n := 1 + r.IntN(3)
			var ws []string
			for range n {
				ws = append(ws, vocab[r.IntN(len(vocab))])
			}
			items = append(items, strings.Join(ws, " "))
		}
		width := 1 + r.IntN(40)
		indent := []string{"", "  ", "    "}[r.IntN(3)]
		sep := []string{"  ", " · ", " "}[r.IntN(3)]
		lines := Wrap(width, indent, sep, items...)
		hang := ansi.StringWidth(indent)*2 <= width
		var got, want []string
		for _, it := range items {
			want = append(want, strings.Fields(ansi.Strip(it))...)
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("Wrap(%d, %q, %q, %q): line %d %q is %d wide", width, indent, sep, items, i, l, w)
			}
			if i > 0 && hang && !strings.HasPrefix(l, indent) {
				t.Fatalf("Wrap(%d, %q, %q, %q): line %d %q lacks the indent", width, indent, sep, items, i, l)
			}
			for _, w := range strings.Fields(ansi.Strip(l)) {
				if w != strings.TrimSpace(sep) {
					got = append(got, w)
				}
			}
		}
		if len(got) != len(want) {
			t.Fatalf("Wrap(%d, %q, %q, %q) = %q: words %q, want %q", width, indent, sep, items, lines, got, want)
		}
		for k := range got {
			g, w := got[k], want[k]
			if g != w && !(strings.HasSuffix(g, "…") && strings.HasPrefix(w, strings.TrimSuffix(g, "…")) && ansi.StringWidth(w) > width-ansi.StringWidth(indent)) {
				t.Fatalf("Wrap(%d, %q, %q, %q) = %q: word %d is %q, want %q", width, indent, sep, items, lines, k, g, w)
			}
		}
		// Items are kept whole where they fit a line of their own.
		room := width
		if hang {
			room -= ansi.StringWidth(indent)
		}
		plain := make([]string, len(lines))
		for i, l := range lines {
			plain[i] = ansi.Strip(l)
		}
		joined := strings.Join(plain, "\n")
		for _, it := range items {
			p := ansi.Strip(it)
			if ansi.StringWidth(p) <= room && p != "" && !strings.Contains(joined, p) {
				t.Fatalf("Wrap(%d, %q, %q, %q) = %q: item %q broken though it fits in %d", width, indent, sep, items, lines, p, room)
			}
		}
	}
}

// TestWrapIsGreedy: with one-word items, no line could have taken the
// first word of the next line.
func TestWrapIsGreedy(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		var items []string
		for range 1 + r.IntN(12) {
			items = append(items, strings.Repeat("x", 1+r.IntN(6)))
		}
		width := 6 + r.IntN(30)
		lines := Wrap(width, "  ", " · ", items...)
		for i := 0; i+1 < len(lines); i++ {
			next := strings.Fields(lines[i+1])[0]
			limit := width
			if i > 0 {
				limit -= 2
			}
			if ansi.StringWidth(strings.TrimPrefix(lines[i], "  "))+3+len(next) <= limit {
				t.Fatalf("Wrap(%d, %q) = %q: line %d could take %q", width, items, lines, i, next)
			}
		}
	}
}

func TestWrapEdges(t *testing.T) {
	if got := Wrap(10, "  ", " "); got != nil {
		t.Errorf("no items: %q", got)
	}
	if got := Wrap(10, "  ", " ", "", ""); got != nil {
		t.Errorf("empty items: %q", got)
	}
	if got := Wrap(0, "  ", " ", "abc"); !slices.Equal(got, []string{"…"}) {
		t.Errorf("width 0: %q", got)
	}
	if got := Wrap(3, "    ", " ", "ab", "cd"); !slices.Equal(got, []string{"ab", "cd"}) {
		t.Errorf("an indent wider than half the width is dropped: %q", got)
	}
	if got := Wrap(6, "", " ", "名字名字"); !slices.Equal(got, []string{"名字名…"}) && !slices.Equal(got, []string{"名字…"}) {
		t.Errorf("wide runes: %q", got)
	}
}

// TestShortenDropsFromTheEnd: the longest run of leading parts that fits,
// found by trying every run (the oracle), else the first part cut with ….
func TestShortenDropsFromTheEnd(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		var parts []string
		for range 1 + r.IntN(5) {
			parts = append(parts, strings.Repeat("ab", r.IntN(6)))
		}
		width := 1 + r.IntN(30)
		got := Shorten(width, " · ", parts...)
		var nonEmpty []string
		for _, p := range parts {
			if p != "" {
				nonEmpty = append(nonEmpty, p)
			}
		}
		want := ""
		for k := len(nonEmpty); k >= 1; k-- {
			if s := strings.Join(nonEmpty[:k], " · "); ansi.StringWidth(s) <= width {
				want = s
				break
			}
		}
		if want == "" && len(nonEmpty) > 0 {
			want = ansi.Truncate(nonEmpty[0], width, "…")
		}
		if got != want {
			t.Fatalf("Shorten(%d, %q) = %q, want %q", width, parts, got, want)
		}
	}
}

func TestCut(t *testing.T) {
	got := Cut(5, "abc", "abcdef", "名字名字", "\x1b[1mabcdefgh\x1b[m")
	want := []string{"abc", "abcd…", "名字…", "\x1b[1mabcd…\x1b[m"}
	for j := range want {
		if ansi.Strip(got[j]) != ansi.Strip(want[j]) || ansi.StringWidth(got[j]) > 5 {
			t.Errorf("Cut line %d = %q, want %q", j, got[j], want[j])
		}
	}
}
