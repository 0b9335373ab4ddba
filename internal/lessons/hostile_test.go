package lessons

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/hostile"
)

// TestSanitizeCorpus sends every kind of the corpus through Sanitize and
// SanitizeLine, alone and between text: nothing of it survives, and the
// text around it does.
func TestSanitizeCorpus(t *testing.T) {
	for _, c := range hostile.Corpus() {
		for _, in := range []string{c.Text, "a" + c.Text + "b", c.Text + c.Text + "\n" + c.Text} {
			for name, f := range map[string]func(string) string{"Sanitize": Sanitize, "SanitizeLine": SanitizeLine} {
				out := f(in)
				if bad := hostile.Check(out, false); bad != "" {
					t.Errorf("%s: %s(%q) = %q: %s", c.Name, name, in, out, bad)
				}
			}
		}
		// A sequence takes what a terminal would take as part of it, but
		// never a line that follows it.
		if out := Sanitize("a" + c.Text + "\nb"); !strings.HasPrefix(out, "a") || !strings.HasSuffix(out, "\nb") {
			t.Errorf("%s: the text around it is lost: %q", c.Name, out)
		}
	}
}

// TestSanitizeC1Parameters: a sequence with a one-character C1 introducer
// loses its parameters with it (they used to stay as text).
func TestSanitizeC1Parameters(t *testing.T) {
	tests := map[string]string{
		"\u009b31mred":                  "red",
		"a\u009b1;2Hb":                  "ab",
		"\u009d0;title\u009cafter":      "after",
		"\u009d8;;http://x\atext":       "text",
		"\u0090qdata\u009cz":            "z",
		"\x1b]0;unended\nnext line":     "\nnext line",
		"\x1b]0;t\x1b[31mx":             "x",
		"keep\x1b":                      "keep",
		"e\u0301 accent":                "e\u0301 accent",
		"👨\u200d👩\u200d👧 family":        "👨 family",
		"👍\U0001F3FD":                   "👍",
		"\U0001F1FA\U0001F1F8 flag":     "US flag",
		"❤\ufe0f":                       "❤",
		"名字":                            "名字",
		"\x1b[8mhidden\x1b[0m shown":    "hidden shown",
		"\u202egnp.exe\u202c":           "gnp.exe",
		"crlf\r\nend\rx\r":              "crlf\nend\nx\n",
		"tab\tnew\nline\x00\x7f\u0085!": "tab\tnew\nline!",
	}
	for in, want := range tests {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSanitizeOneWidth: after Sanitize, every emoji cluster is as wide
// counted by grapheme (as the app counts) as counted by code point (as
// tmux 3.3a and wcwidth count), so borders drawn around them line up.
func TestSanitizeOneWidth(t *testing.T) {
	for _, s := range []string{
		"👨\u200d👩\u200d👧\u200d👦", "👩🏽\u200d💻", "🧑🏿", "👍🏻👍🏼👍🏽👍🏾👍🏿", "🇯🇵🇫🇷🇩🇪", "🇺",
		"❤️", "☺️", "#️⃣", "1️⃣", "🏳️\u200d🌈", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
		"😀", "名字", "e\u0301", "a\u200db", "\u200d", "\ufe0f",
	} {
		out := Sanitize(s)
		if g, w := ansi.StringWidth(out), ansi.StringWidthWc(out); g != w {
			t.Errorf("Sanitize(%q) = %q: %d columns by grapheme, %d by code point", s, out, g, w)
		}
	}
}

// TestNoteFrontMatterEscapes: YAML escapes in front matter make control
// characters after the file was cleaned; every field is cleaned again.
func TestNoteFrontMatterEscapes(t *testing.T) {
	for _, c := range hostile.Corpus() {
		q := strconv.QuoteToASCII("t" + c.Text + "u")
		md := "---\nid: " + q + "\ntitle: " + q + "\nsummary: " + q + "\ntags: [" + q + ", ok]\n---\n# Heading " + c.Text + "\n\nbody " + c.Text + "\n"
		l, _, err := parseNote("dir/n"+strings.ReplaceAll(c.Text, "/", "")+".md", []byte(md))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		fields := append([]string{l.ID, l.Title, l.Summary, l.Body}, l.Tags...)
		for _, it := range l.Items {
			fields = append(fields, it.Front, it.Back)
		}
		for _, f := range fields {
			if bad := hostile.Check(f, false); bad != "" {
				t.Errorf("%s: field %q: %s", c.Name, f, bad)
			}
		}
	}
}

// TestNoteFileNames: a title taken from a file name, a summary naming the
// path and the warnings that name files are cleaned.
func TestNoteFileNames(t *testing.T) {
	fsys := fstest.MapFS{}
	for i, c := range hostile.Corpus() {
		name := strings.NewReplacer("/", "", "\x00", "").Replace(c.Text)
		fsys["n/"+strconv.Itoa(i)+name+"title.md"] = &fstest.MapFile{Data: []byte("no heading here\n")}
		fsys["n/"+strconv.Itoa(i)+name+"blank.md"] = &fstest.MapFile{Data: []byte(" \n")}
		fsys["n/"+strconv.Itoa(i)+name+"big.md"] = &fstest.MapFile{Data: make([]byte, MaxNoteSize+1)}
	}
	notes, warnings, err := LoadNotes(fsys, "n")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) < 2*len(hostile.Corpus()) {
		t.Errorf("%d warnings, want %d", len(warnings), 2*len(hostile.Corpus()))
	}
	for _, w := range warnings {
		if bad := hostile.Check(w.Error(), false); bad != "" {
			t.Errorf("warning %q: %s", w, bad)
		}
	}
	for _, l := range notes {
		for _, f := range []string{l.ID, l.Title, l.Summary} {
			if bad := hostile.Check(f, false); bad != "" {
				t.Errorf("note %q: field %q: %s", l.Path, f, bad)
			}
		}
	}
}

// loadNotesBounded runs LoadNotes on dir and fails the test if it has not
// returned within a generous bound (it used to block forever on a FIFO).
func loadNotesBounded(t *testing.T, dir string) ([]*Lesson, []error) {
	t.Helper()
	type result struct {
		notes    []*Lesson
		warnings []error
		err      error
	}
	done := make(chan result, 1)
	go func() {
		n, w, err := LoadNotes(DirFS(dir), ".")
		done <- result{n, w, err}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.notes, r.warnings
	case <-ctx.Done():
		t.Fatal("LoadNotes did not return: it blocks on a file")
		return nil, nil
	}
}

// TestNotesSpecialFiles: a FIFO named *.md, a link to a FIFO, a link to
// /dev/zero and a link to a file over the limit are skipped with a warning
// instead of blocking the start or reading without end; a link to a
// regular note is read.
func TestNotesSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or links to devices on Windows")
	}
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o600))
	must(os.Symlink(filepath.Join(dir, "fifo.md"), filepath.Join(dir, "fifolink.md")))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")))
	big := filepath.Join(t.TempDir(), "big")
	must(os.WriteFile(big, make([]byte, 3*MaxNoteSize), 0o600))
	must(os.Symlink(big, filepath.Join(dir, "big.md")))
	real := filepath.Join(t.TempDir(), "real.md")
	must(os.WriteFile(real, []byte("# Real\n## h\nbody\n"), 0o600))
	must(os.Symlink(real, filepath.Join(dir, "real.md")))
	notes, warnings := loadNotesBounded(t, dir)
	if len(notes) != 1 || notes[0].Title != "Real" {
		t.Errorf("notes %v, want the linked note alone", notes)
	}
	got := ""
	for _, w := range warnings {
		got += w.Error() + "\n"
	}
	for _, want := range []string{
		"big.md: 3145728 bytes, over the 1048576-byte limit: skipped",
		"fifo.md: not a regular file (a named pipe): skipped",
		"fifolink.md: not a regular file (a named pipe): skipped",
		"zero.md: not a regular file (a character device): skipped",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}

// TestNoteIDsStable: adding a note never changes the id of a note already
// there; a note whose id is taken is skipped with a warning naming both
// files, whichever way they sort, and ids from paths that collide
// (x/y.md, x-y.md) are reported the same way.
func TestNoteIDsStable(t *testing.T) {
	load := func(files map[string]string) (map[string]string, []error) {
		fsys := fstest.MapFS{}
		for p, s := range files {
			fsys[p] = &fstest.MapFile{Data: []byte(s)}
		}
		notes, warnings, err := LoadNotes(fsys, ".")
		if err != nil {
			t.Fatal(err)
		}
		c := &Catalog{byID: map[string]*Lesson{}}
		warnings = append(warnings, c.Add(notes...)...)
		ids := map[string]string{}
		for _, l := range c.Lessons() {
			ids[l.Path] = l.ID
			for _, it := range l.Items {
				if !strings.HasPrefix(it.ID, l.ID+"/") {
					t.Errorf("card %s of lesson %s", it.ID, l.ID)
				}
			}
		}
		return ids, warnings
	}
	before, _ := load(map[string]string{"b.md": "---\nid: x\n---\n# B\n## q\na\n", "c.md": "# C\n## q\na\n"})
	after, warnings := load(map[string]string{"b.md": "---\nid: x\n---\n# B\n## q\na\n", "c.md": "# C\n## q\na\n", "a.md": "---\nid: x\n---\n# A\n## q\na\n", "x/y.md": "# Y\n", "x-y.md": "# Z\n"})
	if before["c.md"] != "my-c" || after["c.md"] != "my-c" || before["b.md"] != "my-x" || after["a.md"] != "my-x" || after["x/y.md"] != "my-x-y" {
		t.Errorf("before %v after %v", before, after)
	}
	for p, id := range after {
		for q, id2 := range after {
			if p != q && id == id2 {
				t.Errorf("%s and %s share id %s", p, q, id)
			}
		}
		if strings.HasSuffix(id, "-2") {
			t.Errorf("%s renamed to %s", p, id)
		}
	}
	text := ""
	for _, w := range warnings {
		text += w.Error() + "\n"
	}
	for _, want := range []string{"b.md: its id my-x is already the id of a.md: skipped", "x-y.md: its id my-x-y is already the id of x/y.md: skipped"} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}
}
