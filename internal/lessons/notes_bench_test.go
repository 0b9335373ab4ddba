package lessons

import (
	"strings"
	"testing"
)

// The Q&A note of the corpus (111 KB, 331 cards) through parseNote, beside
// the floor of its work: Sanitize alone, which parseNote runs first, and
// a split into lines. At 4x the size the time grows 4x: the pass is linear
// (issue 22 makes it faster; this keeps it from getting worse).
func benchNote(b *testing.B, copies int, f func(string)) {
	text := strings.Repeat(qaNote(), copies)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		f(text)
	}
}

func BenchmarkParseNoteQA(b *testing.B) {
	benchNote(b, 1, func(s string) { parseNote("qa.md", []byte(s)) })
}

func BenchmarkParseNoteQAx4(b *testing.B) {
	benchNote(b, 4, func(s string) { parseNote("qa.md", []byte(s)) })
}

func BenchmarkSanitizeQA(b *testing.B) { benchNote(b, 1, func(s string) { Sanitize(s) }) }

func BenchmarkSplitLinesQA(b *testing.B) {
	benchNote(b, 1, func(s string) { strings.Split(s, "\n") })
}
