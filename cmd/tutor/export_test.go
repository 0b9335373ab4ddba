package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tutor/content"
	"tutor/internal/lessons"
)

// TestExportAnki: one lesson's cards, every lesson's, and with --notes the
// learner's notes' cards too, in either place the flag may go.
func TestExportAnki(t *testing.T) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	tcp, _ := cat.Lookup("tcp")
	code, out, errs := cli(t, "export", "anki", "tcp")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasPrefix(out, "#separator:tab\n#html:true\n") || len(lines) != 6+len(tcp.Items) {
		t.Fatalf("%d lines for %d cards:\n%s", len(lines), len(tcp.Items), out)
	}
	for _, line := range lines[6:] {
		if f := strings.Split(line, "\t"); len(f) != 4 || f[2] != "tutor::tcp" {
			t.Errorf("line %q", line)
		}
	}
	// By the visual's name too, as tutor open takes it.
	if code, out2, _ := cli(t, "export", "anki", "tree"); code != 0 || !strings.Contains(out2, "tutor::machinetree") {
		t.Errorf("export anki tree: exit %d", code)
	}

	notes := t.TempDir()
	note := "# My note\n\n## Why fsync the folder\n\nSo the rename itself is durable.\n"
	if err := os.WriteFile(filepath.Join(notes, "mine.md"), []byte(note), 0o600); err != nil {
		t.Fatal(err)
	}
	_, all, _ := cli(t, "export", "anki")
	for _, args := range [][]string{{"--notes", notes, "export", "anki"}, {"export", "anki", "--notes", notes}} {
		code, out, errs := cli(t, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		if !strings.Contains(out, "So the rename itself is durable.") || !strings.Contains(out, "your-note") || len(out) <= len(all) {
			t.Errorf("%q: the note's card is missing", args)
		}
	}
	if strings.Contains(all, "your-note") {
		t.Errorf("without --notes the export has a note's card")
	}
}

// TestExportBadInput: each mistake is one line and exit 2.
func TestExportBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export"}, `export takes a format first: anki`},
		{[]string{"export", "csv"}, `unknown export format "csv" (formats: anki)`},
		{[]string{"export", "anki", "tpc"}, `unknown lesson "tpc" (did you mean tcp?)`},
		{[]string{"export", "anki", "tcp", "ipv4"}, `export takes at most one lesson id, got also "ipv4"`},
		{[]string{"export", "anki", "--bogus"}, `export: --bogus: no such option`},
		{[]string{"export", "anki", "--notes", "/does/not/exist"}, `--notes /does/not/exist:`},
	} {
		code, out, errs := cli(t, tc.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q; want 2 and %q", tc.args, code, len(out), errs, tc.want)
		}
	}
}
