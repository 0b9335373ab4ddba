package visual

import (
	"slices"
	"sync"
)

// Timeline is the shape of a whole run, for the visual pane's timeline
// and its jumps: the kind of every step (the step id of its source line,
// which every frame already names), where each kind occurs, and, when the
// recording has an answer (see Answerer), the steps that change it.
//
// NewTimeline walks the run once; every question after that is O(1) or
// O(log n), and a Strip for a width is made once and kept, so the pane's
// View does no work proportional to the run's length. A Timeline does not
// change once made and is safe for concurrent use.
type Timeline struct {
	kinds   []string  // step ids, in the order the run first reaches them
	counts  []int     // frames of each kind
	of      []int32   // the kind of each frame
	at      [][]int32 // the frames of each kind, ascending
	pos     []int32   // the index of each frame in at[of[frame]]
	follows [][]int   // for each kind, the kinds a frame of it is followed by somewhere
	answers bool      // the recording has an answer to follow
	changes []int32   // frames whose answer differs from the frame before's

	mu    sync.Mutex
	strip Strip // the last strip made, for its width
}

// NewTimeline computes the timeline of r: Len calls of Frame, and as many
// of the answer when r's recording has one. For a long run (100,000 steps)
// it takes milliseconds: make it where the run is recorded, in a tea.Cmd.
func NewTimeline(r Run) *Timeline {
	n := r.Len()
	t := &Timeline{of: make([]int32, n), pos: make([]int32, n)}
	index := map[string]int{}
	prevAnswer, answers := "", false
	if _, ok := AnswerOf(r, 0); ok {
		answers = true
	}
	t.answers = answers
	for i := range n {
		step := r.Frame(i).Step
		k, ok := index[step]
		if !ok {
			k = len(t.kinds)
			index[step] = k
			t.kinds = append(t.kinds, step)
			t.counts = append(t.counts, 0)
			t.at = append(t.at, nil)
			t.follows = append(t.follows, nil)
		}
		t.of[i] = int32(k)
		t.pos[i] = int32(len(t.at[k]))
		t.at[k] = append(t.at[k], int32(i))
		t.counts[k]++
		if i > 0 {
			p := int(t.of[i-1])
			if !slices.Contains(t.follows[p], k) {
				t.follows[p] = append(t.follows[p], k)
			}
		}
		if answers {
			a, _ := AnswerOf(r, i)
			if i > 0 && a != prevAnswer {
				t.changes = append(t.changes, int32(i))
			}
			prevAnswer = a
		}
	}
	return t
}

// Len is the number of steps of the run.
func (t *Timeline) Len() int { return len(t.of) }

// Kinds are the step ids of the run, in the order the run first reaches
// them; a kind is an index into it.
func (t *Timeline) Kinds() []string { return t.kinds }

// Kind is the kind of frame i (clamped to the run).
func (t *Timeline) Kind(i int) int { return int(t.of[t.clamp(i)]) }

// Count is the number of frames of kind k.
func (t *Timeline) Count(k int) int { return t.counts[k] }

// Follows are the kinds that come right after a frame of kind k somewhere
// in the run, in the order the run first shows them.
func (t *Timeline) Follows(k int) []int { return t.follows[k] }

// Frames are the frames of kind k, ascending. The slice is the
// timeline's own: do not change it.
func (t *Timeline) Frames(k int) []int32 { return t.at[k] }

func (t *Timeline) clamp(i int) int { return max(0, min(i, len(t.of)-1)) }

// NextOfKind is the first frame after i of the same kind as i, or -1 when
// there is none.
func (t *Timeline) NextOfKind(i int) int {
	i = t.clamp(i)
	at := t.at[t.of[i]]
	if p := int(t.pos[i]) + 1; p < len(at) {
		return int(at[p])
	}
	return -1
}

// PrevOfKind is the last frame before i of the same kind as i, or -1 when
// there is none.
func (t *Timeline) PrevOfKind(i int) int {
	i = t.clamp(i)
	at := t.at[t.of[i]]
	if p := int(t.pos[i]) - 1; p >= 0 {
		return int(at[p])
	}
	return -1
}

// HasAnswer reports whether the run's recording has an answer to follow
// (see Answerer).
func (t *Timeline) HasAnswer() bool { return t.answers }

// Changes is the number of steps that change the answer.
func (t *Timeline) Changes() int { return len(t.changes) }

// NextChange is the first frame after i whose answer differs from the
// answer of the frame before it, or -1 when the answer does not change
// after i (or the recording has none).
func (t *Timeline) NextChange(i int) int {
	j, _ := slices.BinarySearch(t.changes, int32(i)+1)
	if j < len(t.changes) {
		return int(t.changes[j])
	}
	return -1
}

// Strip is a timeline laid out in a number of columns: one column per
// step when the run has no more steps than columns, else buckets of
// consecutive steps, as even as whole steps allow.
type Strip struct {
	// Cols are the columns, left to right: at most the width asked for.
	Cols []Column
	n    int
	w    int
}

// Column is one mark of a Strip: the steps From to To-1.
type Column struct {
	From, To int
	// Kind is the kind the mark shows: of a bucket's kinds, the one the
	// whole run has fewest frames of (ties: the one the run reached
	// first), so a rare step (an expiry, a lost segment, the final
	// answer) keeps its mark however long the run.
	Kind int
	// Kinds are the bucket's kinds with their counts, the most frequent
	// first (ties: the one the run reached first).
	Kinds []KindCount
}

// KindCount is a kind and how many steps of it a bucket has.
type KindCount struct {
	Kind, Count int
}

// Strip lays the timeline out in width columns (at least 1). It is O(Len)
// the first time for a width and free after that while the width stays.
func (t *Timeline) Strip(width int) Strip {
	width = max(width, 1)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.strip.w == width && t.strip.Cols != nil {
		return t.strip
	}
	n := len(t.of)
	cols := min(n, width)
	s := Strip{Cols: make([]Column, cols), n: n, w: width}
	counts := make([]int, len(t.kinds))
	for c := range cols {
		from, to := c*n/cols, (c+1)*n/cols
		col := Column{From: from, To: to, Kind: int(t.of[from])}
		var seen []int
		for i := from; i < to; i++ {
			k := int(t.of[i])
			if counts[k] == 0 {
				seen = append(seen, k)
			}
			counts[k]++
		}
		for _, k := range seen {
			col.Kinds = append(col.Kinds, KindCount{k, counts[k]})
			if t.counts[k] < t.counts[col.Kind] || (t.counts[k] == t.counts[col.Kind] && k < col.Kind) {
				col.Kind = k
			}
			counts[k] = 0
		}
		slices.SortStableFunc(col.Kinds, func(a, b KindCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return a.Kind - b.Kind
		})
		s.Cols[c] = col
	}
	t.strip = s
	return s
}

// Column is the index of the column holding frame i (clamped to the run).
func (s Strip) Column(i int) int {
	cols := len(s.Cols)
	if cols == 0 {
		return 0
	}
	i = max(0, min(i, s.n-1))
	c := min(i*cols/s.n, cols-1)
	for c+1 < cols && s.Cols[c+1].From <= i {
		c++
	}
	for c > 0 && s.Cols[c].From > i {
		c--
	}
	return c
}

// KindGlyphs are the marks of the kinds, kind k taking
// KindGlyphs[k%len(KindGlyphs)]: geometric shapes, each a single column
// wide, none a letter or digit a kind's name or a picture's text could be
// mistaken for. Runs with more kinds than marks reuse them; the caret
// line under the timeline names the kind.
var KindGlyphs = []string{"●", "■", "▲", "◆", "○", "□", "△", "◇", "▼", "▽", "◀", "◁", "▪", "▫", "◈", "◉", "◎", "◐", "◑", "◢"}

// KindGlyph is the mark of kind k.
func KindGlyph(k int) string { return KindGlyphs[k%len(KindGlyphs)] }
