package review

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bounded runs f and fails the test if it has not returned within a
// generous bound: the calls below used to block forever or read without end.
func bounded(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("%s did not return", what)
	}
}

// TestLogNotRegular: a FIFO as reviews.jsonl, or a link to /dev/zero, is
// refused by OpenLog and ReadLog, naming it, instead of hanging the app or
// reading without end.
func TestLogNotRegular(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs on Windows")
	}
	for name, make := range map[string]func(string) error{
		"fifo": func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"zero": func(p string) error { return os.Symlink("/dev/zero", p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := make(filepath.Join(dir, LogName)); err != nil {
				t.Fatal(err)
			}
			var openErr, readErr error
			bounded(t, "OpenLog", func() {
				var l *Log
				if l, openErr = OpenLog(dir); l != nil {
					l.Close()
				}
			})
			bounded(t, "ReadLog", func() { _, _, readErr = ReadLog(dir) })
			want := map[string]string{"fifo": "is not a regular file but a named pipe", "zero": "is not a regular file but a character device"}[name]
			for _, err := range []error{openErr, readErr} {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("error %v, want one saying the log is not a regular file", err)
				}
			}
		})
	}
}

// TestLogHostileLines: a BOM before the first record keeps the record; a
// card id of invalid UTF-8 (raw, or a lone surrogate escaped) is skipped
// with a warning instead of being filed under a card that does not exist;
// a record dated in the future is skipped with a warning when the clock
// is known.
func TestLogHostileLines(t *testing.T) {
	dir := t.TempDir()
	lines := "\xef\xbb\xbf" + `{"time":"2026-01-01T00:00:00Z","card":"a/1","grade":3,"took_ms":1}` + "\n" +
		`{"time":"2026-01-02T00:00:00Z","card":"a/` + "\xff" + `","grade":3,"took_ms":1}` + "\n" +
		`{"time":"2026-01-02T00:00:00Z","card":"a/\ud800","grade":3,"took_ms":1}` + "\n" +
		`{"time":"2090-01-01T00:00:00Z","card":"a/2","grade":3,"took_ms":1}` + "\n" +
		`{"time":"9999-12-31T00:00:00Z","card":"a/3","grade":3,"took_ms":1}` + "\n" +
		`{"time":"2026-01-03T00:00:00Z","card":"a/4","grade":3,"took_ms":1}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, LogName), []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	l, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	recs, warns, err := l.LoadAt(now)
	if err != nil {
		t.Fatal(err)
	}
	recs2, warns2, err := ReadLogAt(dir, now)
	if err != nil || len(recs2) != len(recs) || len(warns2) != len(warns) {
		t.Errorf("ReadLogAt: %d records %d warnings %v; LoadAt %d %d", len(recs2), len(warns2), err, len(recs), len(warns))
	}
	var cards []string
	for _, r := range recs {
		cards = append(cards, r.Card)
	}
	if got := strings.Join(cards, " "); got != "a/1 a/4" {
		t.Errorf("cards %q, want a/1 a/4", got)
	}
	var text []string
	for _, w := range warns {
		text = append(text, w.String())
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		":1: the file starts with a byte order mark (an editor added it); the record after it is kept",
		":2: skipped a corrupt line: the line is not valid UTF-8",
		":3: skipped a corrupt line: card id \"a/\ufffd\" holds U+FFFD",
		":4: skipped a record dated in the future: dated 2090-01-01T00:00:00Z, after the clock's 2026-06-01T00:00:00Z: counted, it would hide card \"a/2\" until then",
		":5: skipped a record dated in the future: dated 9999-12-31T00:00:00Z",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if recs, warns, _ := l.Load(); len(recs) != 4 || len(warns) != 3 { // the BOM and the two corrupt lines
		t.Errorf("Load without a clock: %d records %d warnings, want the future ones kept", len(recs), len(warns))
	}
}
