package tutor

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"tutor/internal/review"
)

func env() Env {
	return Env{Getenv: func(string) string { return "" }, Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }}
}

// TestLogNoticesSayTheState: each notice about the log says what happens
// to new answers and to past ones; a torn line is reported at the start
// after the crash and not again once an answer has ended it; a log that
// can be neither written nor read says that past answers are not counted
// (it used to drop them without a word).
func TestLogNoticesSayTheState(t *testing.T) {
	good := `{"time":"2026-01-01T00:00:00Z","card":"a/1","grade":3,"took_ms":1}`
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, review.LogName), []byte(good+"\n"+good[:30]), 0o600)
	q, notices := quizService(Options{State: dir}, env())
	if q.Log == nil || len(notices) != 1 || !strings.Contains(notices[0], "torn last line") {
		t.Fatalf("after a crash: %q", notices)
	}
	q.Log.Append(review.Record{Time: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Card: "a/2", Grade: review.Good})
	q.Log.Close()
	q, notices = quizService(Options{State: dir}, env())
	if q.Log == nil || len(notices) != 0 || len(q.Cards) != 2 {
		t.Fatalf("the next start: %d cards, notices %q", len(q.Cards), notices)
	}
	q.Log.Close()

	if runtime.GOOS == "windows" {
		return
	}
	fifo := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(fifo, review.LogName), 0o600); err != nil {
		t.Fatal(err)
	}
	_, notices = quizService(Options{State: fifo}, env())
	all := strings.Join(notices, "\n")
	for _, want := range []string{"answers are not being saved: review: the review log", "is not a regular file but a named pipe", "past answers are not counted either, every card is new"} {
		if !strings.Contains(all, want) {
			t.Errorf("a log that is a named pipe: notices lack %q:\n%s", want, all)
		}
	}
}
