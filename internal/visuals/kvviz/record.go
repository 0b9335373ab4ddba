package kvviz

import (
	"fmt"

	"tutor/internal/visual"
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

// phaseNames are the phases as the header and the trace name them.
var phaseNames = [...]string{"encode", "cut", "join", "decode"}

// chunk is a chunk as its cut event reported it.
type chunk struct {
	name   string
	off, n int
}

// metaRecord is the metadata record as its event (chunk-meta or
// meta-read) reported it: its name, its bytes and its fields.
type metaRecord struct {
	name   string
	bytes  []byte
	fields kvstore.MetaRecord
}

// frame is one recorded step with what its picture needs, all taken from
// the observer's events up to it. It is plain data: drawing it and
// tracing it compute nothing the solution knows.
type frame struct {
	step    kvstore.Step
	explain string
	phase   phase
	visible int         // stream bytes shown: written or joined so far
	lo, hi  int         // bytes this step wrote or read
	kind    int         // field kind of lo..hi, or -1
	cursor  int         // decode: the read cursor after the step; else -1
	pair    int         // encode: the index of the pair being written; else -1
	cut     int         // chunks cut so far
	joined  int         // chunks joined so far
	meta    *metaRecord // the metadata record once built (cut) or read (join)
	checked bool        // the joined stream passed the checks
	rebuilt int         // pairs in the rebuilt map
	added   bool        // this step added rebuilt[rebuilt-1]
}

// recording is a recorded run: the frames, and the lists they index
// into, each filled from the observer's events. It implements
// visual.Recording.
type recording struct {
	chunked bool
	pairs   []kvstore.Pair // the pairs encoded, from the encode-begin event
	stream  []byte         // every byte the encode events wrote
	kinds   []kvstore.Kind // the field of each byte, from the encode events
	joined  []byte         // every byte the join events appended
	chunks  []chunk        // from the cut events
	rebuilt []kvstore.Pair // from the decode-pair events
	frames  []frame
	final   string
}

// The limits of an input: a picture of more is unreadable, and a trace
// prints the stream and the store at every step, so it grows with the
// square of the input (1,000 puts printed 324 MB before these).
const (
	MaxPairs  = 64   // pairs put
	MaxStream = 1024 // bytes of the encoded stream
	MaxChunks = 64   // chunks the stream is cut into
)

// record runs Shutdown and Restore of the solution on in with its
// observer attached, a frame per event. Final is the stream as the
// solution marshals it, without the observer.
func record(in input) (*recording, error) {
	s, err := in.store()
	if err != nil {
		return nil, err
	}
	stream, err := s.MarshalBinary()
	if err != nil {
		return nil, err
	}
	if err := within(in, len(stream)); err != nil {
		return nil, err
	}
	rec := newRecorder(in.chunk)
	s.Observe = rec.observe
	st := &kvstore.MemStorage{}
	if err := s.Shutdown(st); err != nil {
		return nil, err
	}
	back := &kvstore.Store{ChunkSize: in.chunk, Observe: rec.observe}
	if err := back.Restore(st); err != nil {
		return nil, err
	}
	r := rec.finish()
	r.final = hexBytes(stream)
	if len(stream) == 0 {
		r.final = "(empty stream: 0 bytes)"
	}
	return r, nil
}

// within refuses an input past the limits, naming the limit.
func within(in input, stream int) error {
	switch {
	case len(in.puts) > MaxPairs:
		return fmt.Errorf("%d pairs put: at most %d fit in a picture", len(in.puts), MaxPairs)
	case stream > MaxStream:
		return fmt.Errorf("the stream would be %d bytes: at most %d fit in a picture", stream, MaxStream)
	case in.chunk > 0 && (stream+in.chunk-1)/in.chunk > MaxChunks:
		return fmt.Errorf("--chunk %d cuts the %d-byte stream into %d chunks: at most %d fit in a picture (--chunk %d or more)",
			in.chunk, stream, (stream+in.chunk-1)/in.chunk, MaxChunks, (stream+MaxChunks-1)/MaxChunks)
	}
	return nil
}

// recorder turns observer events into frames: cur is the frame the next
// event starts from.
type recorder struct {
	r   *recording
	cur frame
}

// newRecorder records a run whose store cuts chunks of chunkSize bytes
// (0: none).
func newRecorder(chunkSize int) *recorder {
	return &recorder{
		r:   &recording{chunked: chunkSize > 0},
		cur: frame{cursor: -1, pair: -1, kind: -1},
	}
}

// observe is the solution's observer: it appends the frame of e.
func (rec *recorder) observe(e kvstore.Event) {
	r, f := rec.r, rec.cur
	f.step, f.explain = e.Step, e.Explain
	f.lo, f.hi, f.kind, f.added = e.Offset, e.Offset, -1, false
	switch e.Kind {
	case kvstore.KindBegin:
		if e.Read {
			f.phase, f.cursor, f.visible = phDecode, 0, len(r.stream)
		} else {
			f.phase = phEncode
			r.pairs = e.Pairs
		}
		f.pair = -1
	case kvstore.KindKeyLen, kvstore.KindKey, kvstore.KindValueLen, kvstore.KindValue:
		f.hi = e.Offset + len(e.Bytes)
		f.kind = int(e.Kind)
		if e.Read {
			f.phase, f.cursor, f.visible = phDecode, f.hi, len(r.stream)
		} else {
			f.phase, f.pair = phEncode, e.Index
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
		}
		f.meta = &metaRecord{name: e.Blob, bytes: e.Bytes, fields: e.Meta}
	case kvstore.KindCheck:
		f.phase, f.checked, f.visible = phJoin, true, e.Offset
	}
	rec.cur = f
	r.frames = append(r.frames, f)
}

// finish returns the recording. The solution always reports its begin
// steps, but a recording keeps at least one frame whatever happens.
func (rec *recorder) finish() *recording {
	r := rec.r
	if len(r.frames) == 0 {
		r.frames = append(r.frames, frame{step: kvstore.StepEncodeBegin, explain: "nothing to encode", cursor: -1, pair: -1, kind: -1})
	}
	return r
}

// bytes are the stream bytes frame f shows: those written so far, or in
// the join those joined so far.
func (r *recording) bytes(f frame) []byte {
	if f.phase == phJoin {
		return r.joined[:min(f.visible, len(r.joined))]
	}
	return r.stream[:min(f.visible, len(r.stream))]
}

// chunksShown is how many chunks frame f has cut or joined.
func (r *recording) chunksShown(f frame) int {
	switch f.phase {
	case phEncode:
		return 0
	case phCut:
		return min(f.cut, len(r.chunks))
	case phJoin:
		if f.checked {
			return len(r.chunks)
		}
		return min(f.joined, len(r.chunks))
	}
	return len(r.chunks)
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and explanation.
func (r *recording) Frame(i int) visual.Frame {
	f := r.frames[i]
	return visual.Frame{Step: string(f.step), Explain: f.explain}
}

// Final is the stream the solution marshals, in hex.
func (r *recording) Final() string { return r.final }
