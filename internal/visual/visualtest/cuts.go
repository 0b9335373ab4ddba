package visualtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// CutWidths are the widths Cuts draws at: every width from the narrowest
// visual pane to a wide terminal's.
const (
	CutMinWidth = 20
	CutMaxWidth = 160
)

// CutRules are what a visual tells Cuts of its pictures.
type CutRules struct {
	// Floor is the narrowest width at which the visual's pictures fit
	// whole; below it a picture may be cut at the edge, with its mark.
	Floor int
	// Dump, when set, reports whether a line is a dump of bytes, whose
	// text column shows pieces of words by design (a hex dump's "..va").
	Dump func(line string) bool
}

// Cuts draws at cutHeight rows at every width, and at cutTallHeight
// (where a tall picture shows its legend's every line) at every
// cutTallEvery-th width; cutFramesMost frames an input at most. Together
// they keep a visual's sweep to about ten thousand drawings.
const (
	cutHeight     = 24
	cutTallHeight = 60
	cutTallEvery  = 7
	cutFramesMost = 6
)

// Cuts draws frames of s's default run and of each of inputs at every
// width from CutMinWidth to CutMaxWidth, and tall at every seventh, in
// the plain theme, and fails on a line cut without a mark, the class of defect a
// legend or header drawn past the box's edge belongs to. It reads what
// Draw returns, before the kernel clips it (visual.Clip), and fails on:
//
//   - from rules.Floor columns on, a line drawn wider than the box, which
//     the kernel would cut at the edge: text beside a picture that fits
//     wraps or drops its least useful parts instead (visual.Wrap,
//     visual.Shorten);
//   - a word cut without "…": a word of a line, two runes or more with a
//     letter, that the same frame drawn 400 columns wide does not hold,
//     but begins a word it holds ("thi" of "this", "machi" of
//     "machines"), as a line that cuts its own text at the edge shows.
//
// The frames drawn are the first and the last, and among the first of
// each step id six at most, spread over the run.
func Cuts[In any, Rec visual.Recording](t *testing.T, s visual.Spec[In, Rec], inputs [][]string, rules CutRules) {
	t.Helper()
	th := visual.NewTheme(true, true)
	for _, args := range append([][]string{s.Default}, inputs...) {
		in, err := s.Parse(args)
		if err != nil {
			t.Fatalf("%s %q: %v", s.Name, args, err)
		}
		rec, err := s.Record(in)
		if err != nil {
			t.Fatalf("%s %q: %v", s.Name, args, err)
		}
		for _, i := range cutFrames(rec) {
			wide := words(strings.Join(rec.Draw(i, 400, 200, th), "\n"))
			for w := CutMinWidth; w <= CutMaxWidth; w++ {
				hs := []int{cutHeight}
				if (w-CutMinWidth)%cutTallEvery == 0 {
					hs = append(hs, cutTallHeight)
				}
				for _, h := range hs {
					lines := rec.Draw(i, w, h, th)
					for n, line := range lines[:min(len(lines), h)] {
						plain := ansi.Strip(line)
						if rules.Dump != nil && rules.Dump(plain) {
							continue
						}
						if msg := cutIn(plain, w, rules.Floor, wide); msg != "" {
							t.Errorf("%s %q frame %d at %dx%d line %d: %s: %q", s.Name, args, i+1, w, h, n+1, msg, plain)
							return // one is enough to see the class
						}
					}
				}
			}
		}
	}
}

// cutFrames are the frames Cuts draws: the first and the last, and the
// first of each step id, at most cutFramesMost spread among them.
func cutFrames(r visual.Recording) []int {
	seen := map[string]bool{}
	fs := []int{r.Len() - 1}
	for i := range r.Len() {
		if s := r.Frame(i).Step; !seen[s] {
			seen[s] = true
			fs = append(fs, i)
		}
	}
	slices.Sort(fs)
	fs = slices.Compact(fs)
	if len(fs) <= cutFramesMost {
		return fs
	}
	out := make([]int, cutFramesMost)
	for k := range out {
		out[k] = fs[k*(len(fs)-1)/(cutFramesMost-1)]
	}
	return out
}

// cutIn says what is wrong with line, drawn at width w, or "".
func cutIn(line string, w, floor int, wide map[string]bool) string {
	if ansi.StringWidth(line) > w {
		if w >= floor {
			return fmt.Sprintf("drawn %d wide, past the edge, where the kernel cuts it", ansi.StringWidth(line))
		}
		return ""
	}
	for _, word := range splitWords(line) {
		if wide[word] || strings.HasSuffix(word, "…") || !cuttable(word) {
			continue
		}
		for full := range wide {
			if strings.HasPrefix(full, word) {
				return "\"" + word + "\" is \"" + full + "\" cut without …"
			}
		}
	}
	return ""
}

// words is the set of words in a drawing.
func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range splitWords(ansi.Strip(s)) {
		m[w] = true
	}
	return m
}

// splitWords splits s into runs of letters and digits, a "…" ending a run
// kept with it.
func splitWords(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isWordRune(rs[j]) {
			j++
		}
		if j < len(rs) && rs[j] == '…' {
			j++
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

// cuttable reports whether a word not in the wide drawing is worth
// looking for among its words' beginnings: two runes or more with a
// letter. A lone letter or a number is as often a different layout (a
// hex dump's text column, a shorter count) as a cut.
func cuttable(word string) bool {
	return len([]rune(word)) >= 2 && strings.IndexFunc(word, unicode.IsLetter) >= 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
