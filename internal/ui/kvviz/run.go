package kvviz

import (
	"fmt"
	"strings"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions/kvstore"
)

// phase is the part of the run a frame belongs to.
type phase int

const (
	phEncode phase = iota // Shutdown writes the stream field by field
	phCut                 // Shutdown cuts it into chunks and the metadata
	phJoin                // Restore reads the metadata and joins the chunks
	phDecode              // Restore reads the stream back, cursor and all
)

var phaseNames = [...]string{"encode", "cut", "join", "decode"}

// chunk is a chunk as the cut and join events reported it.
type chunk struct {
	name   string
	off, n int
}

// frame is one recorded step with what its picture needs, all taken from
// the observer's events.
type frame struct {
	visual.Frame
	phase   phase
	visible int  // stream bytes shown: written or joined so far
	lo, hi  int  // bytes this step wrote or read
	kind    int  // field kind of lo..hi, or -1
	cursor  int  // decode: the read cursor after the step; else -1
	pair    int  // encode: the pair being written; else -1
	cut     int  // chunks cut so far
	joined  int  // chunks joined so far
	meta    bool // the metadata record has been built (cut) or read (join)
	checked bool // the joined stream passed the checks
	rebuilt int  // pairs in the rebuilt map
	added   bool // this step added rebuilt[rebuilt-1]
}

// run is a recorded run. It implements visual.Run.
type run struct {
	chunked  bool
	stream   []byte         // every byte the encode events wrote
	joined   []byte         // every byte the join events appended
	kinds    []kvstore.Kind // the field of each byte, from the encode events
	pairs    []kvstore.Pair // the store's pairs, in the order encoded (Store.Pairs)
	chunks   []chunk        // from the cut events
	meta     []byte         // the metadata record, from its event
	metaName string
	rebuilt  []kvstore.Pair // from the decode-pair events
	frames   []frame
	final    string
}

// recorder turns observer events into frames.
type recorder struct {
	r   *run
	cur frame
}

// newRecorder records a run of the store's pairs (as the solution lists
// them, in the order it encodes them).
func newRecorder(pairs []kvstore.Pair, chunkSize int) *recorder {
	return &recorder{
		r:   &run{chunked: chunkSize > 0, pairs: pairs},
		cur: frame{cursor: -1, pair: -1, kind: -1},
	}
}

func (rec *recorder) observe(e kvstore.Event) {
	r, f := rec.r, rec.cur
	f.Frame = visual.Frame{Step: e.Step, Explain: e.Explain}
	f.lo, f.hi, f.kind, f.added = e.Offset, e.Offset, -1, false
	switch e.Kind {
	case kvstore.KindBegin:
		if e.Read {
			f.phase, f.cursor, f.visible = phDecode, 0, len(r.stream)
		} else {
			f.phase = phEncode
		}
		f.pair = -1
	case kvstore.KindKeyLen, kvstore.KindKey, kvstore.KindValueLen, kvstore.KindValue:
		f.hi = e.Offset + len(e.Bytes)
		f.kind = int(e.Kind)
		if e.Read {
			f.phase, f.cursor, f.visible = phDecode, f.hi, len(r.stream)
		} else {
			f.phase = phEncode
			if e.Kind == kvstore.KindKeyLen {
				f.pair++
			}
			r.stream = append(r.stream, e.Bytes...)
			for range e.Bytes {
				r.kinds = append(r.kinds, e.Kind)
			}
			f.visible = len(r.stream)
		}
	case kvstore.KindPair:
		f.phase, f.cursor = phDecode, e.Offset
		r.rebuilt = append(r.rebuilt, kvstore.Pair{Key: e.Key, Value: e.Value})
		f.rebuilt, f.added = len(r.rebuilt), true
	case kvstore.KindChunk:
		f.hi = e.Offset + len(e.Bytes)
		if e.Read {
			f.phase, f.visible = phJoin, f.hi
			f.joined = e.Index + 1
			r.joined = append(r.joined, e.Bytes...)
		} else {
			f.phase, f.pair, f.visible = phCut, -1, len(r.stream)
			r.chunks = append(r.chunks, chunk{e.Blob, e.Offset, len(e.Bytes)})
			f.cut = len(r.chunks)
		}
	case kvstore.KindMeta:
		if e.Read {
			f.phase, f.visible, f.joined = phJoin, 0, 0
		} else {
			f.phase, f.pair = phCut, -1
			r.meta, r.metaName = e.Bytes, e.Blob
		}
		f.meta = true
	case kvstore.KindCheck:
		f.phase, f.checked, f.visible = phJoin, true, e.Offset
	}
	rec.cur = f
	f.State = r.state(f)
	r.frames = append(r.frames, f)
}

// finish returns the run. The solution always reports its begin steps,
// but a run keeps at least one frame whatever happens.
func (rec *recorder) finish() *run {
	r := rec.r
	if len(r.frames) == 0 {
		r.frames = append(r.frames, frame{Frame: visual.Frame{Step: "encode-begin", Explain: "nothing to encode"}, cursor: -1, pair: -1, kind: -1})
	}
	return r
}

// bytes are the stream bytes frame f shows: those written so far, or in
// the join those joined so far.
func (r *run) bytes(f frame) []byte {
	if f.phase == phJoin {
		return r.joined[:min(f.visible, len(r.joined))]
	}
	return r.stream[:min(f.visible, len(r.stream))]
}

func (r *run) Len() int { return len(r.frames) }

func (r *run) Frame(i int) visual.Frame {
	return r.frames[clamp(i, 0, len(r.frames)-1)].Frame
}

func (r *run) Final() string { return r.final }

// state is the plain-text state of f for `tutor trace`.
func (r *run) state(f frame) string {
	var b strings.Builder
	fmt.Fprintf(&b, "phase %s", phaseNames[f.phase])
	switch f.phase {
	case phEncode:
		fmt.Fprintf(&b, ", %d bytes written", f.visible)
	case phJoin:
		fmt.Fprintf(&b, ", %d bytes joined", f.visible)
	case phDecode:
		fmt.Fprintf(&b, ", cursor at %d of %d", f.cursor, len(r.stream))
	}
	if f.hi > f.lo {
		fmt.Fprintf(&b, "\nthis step: bytes %d-%d", f.lo, f.hi-1)
		if f.kind >= 0 {
			fmt.Fprintf(&b, " (%s)", kvstore.Kind(f.kind))
		}
	}
	if bs := r.bytes(f); len(bs) > 0 {
		fmt.Fprintf(&b, "\nstream: %s", hexBytes(bs))
	} else {
		b.WriteString("\nstream: (empty)")
	}
	if f.phase == phEncode {
		fmt.Fprintf(&b, "\nstore: %s", pairList(r.pairs))
	}
	if r.chunked && (f.cut > 0 || f.meta || f.phase >= phJoin) {
		var names []string
		n := f.cut
		if f.phase >= phJoin {
			n = f.joined
			if f.phase == phDecode || f.checked {
				n = len(r.chunks)
			}
		}
		for _, c := range r.chunks[:n] {
			names = append(names, fmt.Sprintf("%s [%d,%d)", c.name, c.off, c.off+c.n))
		}
		verb := "cut"
		if f.phase >= phJoin {
			verb = "joined"
		}
		if len(names) == 0 {
			names = append(names, "(none yet)")
		}
		fmt.Fprintf(&b, "\nchunks %s: %s", verb, strings.Join(names, " "))
		if f.meta || f.phase == phDecode {
			fmt.Fprintf(&b, "\nmeta %s: %s", r.metaName, hexBytes(r.meta))
		}
	}
	if f.phase == phDecode {
		fmt.Fprintf(&b, "\nrebuilt: %s", pairList(r.rebuilt[:f.rebuilt]))
	}
	return b.String()
}

// pairList is pairs as k=v separated by commas, or (none).
func pairList(pairs []kvstore.Pair) string {
	if len(pairs) == 0 {
		return "(none)"
	}
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = showText(p.Key) + "=" + showText(p.Value)
	}
	return strings.Join(parts, ", ")
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
