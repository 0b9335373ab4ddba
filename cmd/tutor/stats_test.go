package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/review"
)

// TestStatsCommand: tutor stats ends with the three summary lines, worked
// out by hand for a log of four answers: one card learned two days ago and
// answered again when due (a due review passed), one new card failed half
// an hour ago (due again today).
func TestStatsCommand(t *testing.T) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	items := cat.Items()
	dir := t.TempDir()
	log, err := review.OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	t0 := now.Add(-50 * time.Hour)
	for _, r := range []review.Record{
		{Time: t0, Card: items[0].ID, Grade: review.Good, Took: 4 * time.Second},
		{Time: t0.Add(10 * time.Minute), Card: items[0].ID, Grade: review.Good, Took: 3 * time.Second}, // due in 2 days
		{Time: now.Add(-time.Hour), Card: items[0].ID, Grade: review.Good, Took: 2 * time.Second},      // due: passed
		{Time: now.Add(-30 * time.Minute), Card: items[1].ID, Grade: review.Again, Took: 9 * time.Second},
	} {
		if err := log.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	log.Close()
	code, out, errs := cli(t, "--state", dir, "stats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if n := len(lines); n < 3 || strings.Join(lines[n-3:], "\n") != "reviews 4\nretention 100%\ndue today 1" {
		t.Fatalf("tutor stats ends:\n%s", out)
	}
	for _, want := range []string{"Reviews a day, the last 30 days", "True retention", "100% of 1", "Due, the next 14 days", "Forgotten most", "18s spent"} {
		if !strings.Contains(out, want) {
			t.Errorf("tutor stats lacks %q:\n%s", want, out)
		}
	}
	for i, l := range lines {
		if strings.Contains(l, "\x1b") || len([]rune(l)) > 80 || l != strings.TrimRight(l, " ") {
			t.Errorf("line %d: %q", i, l)
		}
	}
}

// TestStatsCommandWithoutLog: no log yet is no reviews, not an error.
func TestStatsCommandWithoutLog(t *testing.T) {
	code, out, errs := cli(t, "--state", filepath.Join(t.TempDir(), "none"), "stats")
	if code != 0 || !strings.HasSuffix(out, "reviews 0\nretention n/a\ndue today 0\n") {
		t.Fatalf("exit %d, stderr %q, out:\n%s", code, errs, out)
	}
}

// TestStatsCommandBadInput: a word after stats, or a log that is a folder,
// is one line and exit 2 or 1.
func TestStatsCommandBadInput(t *testing.T) {
	code, _, errs := cli(t, "stats", "tcp")
	if code != 2 || errs != "tutor: stats takes no arguments, got \"tcp\"\n" {
		t.Errorf("stats tcp: exit %d %q", code, errs)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, review.LogName), 0o700); err != nil {
		t.Fatal(err)
	}
	code, _, errs = cli(t, "--state", dir, "stats")
	if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "not a regular file") {
		t.Errorf("a folder for a log: exit %d %q", code, errs)
	}
}

// TestStatsSaysATornLineOnStderr: a log whose last line a crash cut short
// is read without it, and tutor stats says so on stderr, as the app does
// on its home screen, leaving stdout to the stats (the tester's finding).
func TestStatsSaysATornLineOnStderr(t *testing.T) {
	dir := t.TempDir()
	log := `{"time":"2026-12-01T11:00:00Z","card":"tcp/16e0923b929f","grade":3,"took_ms":100}` + "\n" + `{"time":"2026-12-01T11:0`
	if err := os.WriteFile(filepath.Join(dir, "reviews.jsonl"), []byte(log), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "--state", dir, "stats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "reviews.jsonl:2: skipped a torn last line") {
		t.Errorf("stderr does not name the torn line: %q", errs)
	}
	if strings.Contains(out, "torn") || !strings.Contains(out, "\nreviews 1\n") {
		t.Errorf("stdout should hold the stats alone, with the one whole answer:\n%s", out)
	}
}
