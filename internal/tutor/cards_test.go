package tutor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"tutor/internal/lessons"
	"tutor/internal/review"
)

// TestFormerIDsMigrate: an answer logged under the id a note's card had
// before fronts held the heading path counts for the card's id now, and
// the log is not rewritten.
func TestFormerIDsMigrate(t *testing.T) {
	notes, _, err := lessons.LoadNotes(fstest.MapFS{"go.md": {Data: []byte("# Go\n## Empty\n### Channels\nTyped pipes.\n")}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := Catalog(Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.Add(notes...)
	it := notes[0].Items[0]
	if it.Front != "Go › Empty › Channels" || it.FormerID == "" {
		t.Fatalf("card %+v", it)
	}
	dir := t.TempDir()
	line := `{"time":"2026-05-01T00:00:00Z","card":"` + it.FormerID + `","grade":3,"took_ms":1}` + "\n"
	os.WriteFile(filepath.Join(dir, review.LogName), []byte(line), 0o600)
	q, _ := quizService(Options{State: dir, formerIDs: c.FormerIDs()}, env())
	defer q.Log.Close()
	if card, ok := q.Cards[it.ID]; !ok || card.Reps != 1 {
		t.Errorf("the old answer does not count for %s: %+v (cards %v)", it.ID, card, q.Cards)
	}
	if _, ok := q.Cards[it.FormerID]; ok {
		t.Errorf("the former id %s is still a card of its own", it.FormerID)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, review.LogName)); string(got) != line {
		t.Errorf("the log was rewritten: %q", got)
	}
}

func TestNotesSummary(t *testing.T) {
	write := func(t *testing.T, files map[string]string) string {
		dir := t.TempDir()
		for name, text := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700)
			os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600)
		}
		return dir
	}
	tests := []struct {
		name  string
		files map[string]string
		ext   []string
		want  string
	}{
		{"empty", nil, nil, ": no notes: the folder has no files"},
		{"only txt", map[string]string{"a.txt": "# A\n## x\ny\n"}, nil,
			": no notes found (notes are .md, .markdown files); 1 other file not read (1 .txt): --ext md,markdown,txt reads it as notes too"},
		{"txt with --ext", map[string]string{"a.txt": "# A\n## x\ny\n", "b.png": "x"}, []string{"md", "txt"},
			": 1 note, 1 card; 1 other file not read (1 .png)"},
		{"notes and others", map[string]string{"a.md": "# A\n## x\ny\n## z\nw\n", "n/b.md": "text", "c.txt": "", "d.TXT": "", "Makefile": ""}, nil,
			": 2 notes, 3 cards; 3 other files not read (1 no extension, 2 .txt): --ext md,markdown,txt reads them as notes too"},
		// The tester's folder: b.md takes a.md's id, s-same.md the id of
		// s/same.md; the skipped notes and their cards are not counted.
		{"ids taken", map[string]string{"a.md": "---\nid: tcp\n---\n# A\n## X\ny\n", "b.md": "---\nid: tcp\n---\n# B\n## X\ny\n## Z\nw\n",
			"same.md": "# Same\n## X\ny\n", "s/same.md": "# Same\n## X\ny\n", "s-same.md": "# Same\n## X\ny\n", "c.txt": ""}, nil,
			": 3 notes, 3 cards; 2 skipped (ids taken); 1 other file not read (1 .txt): --ext md,markdown,txt reads it as notes too"},
		{"one id taken", map[string]string{"a.md": "---\nid: tcp\n---\n# A\n## X\ny\n", "b.md": "---\nid: tcp\n---\n# B\n## X\ny\n"}, nil,
			": 1 note, 1 card; 1 skipped (id taken)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, tc.files)
			_, notices, err := Catalog(Options{Notes: dir, Ext: tc.ext})
			if err != nil {
				t.Fatal(err)
			}
			if len(notices) == 0 || notices[0] != "--notes "+dir+tc.want {
				t.Errorf("notices %q, want first %q", notices, "--notes "+dir+tc.want)
			}
		})
	}
}

func TestParseExt(t *testing.T) {
	for in, want := range map[string]string{"md,txt": "md txt", ".MD, .txt": "md txt", "markdown": "markdown"} {
		got, err := ParseExt(in)
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("ParseExt(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "md,,txt", "md txt", "*.md", "m/d"} {
		if _, err := ParseExt(in); err == nil || !strings.Contains(err.Error(), "--ext") {
			t.Errorf("ParseExt(%q): %v", in, err)
		}
	}
}
