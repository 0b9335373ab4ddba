package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tutor/internal/hostile"
)

// hostileNotes writes a notes folder with every kind of the corpus in the
// front matter (YAML escapes make control characters of plain text), in
// the body, in headings (quiz cards) and in file names, and returns it
// with the ids of the notes that carry front matter.
func hostileNotes(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var ids []string
	for i, c := range hostile.Corpus() {
		q := strconv.QuoteToASCII("t" + c.Text + "u")
		id := "h" + strconv.Itoa(i)
		md := "---\nid: " + id + "\ntitle: " + q + "\nsummary: " + q + "\ntags: [" + q + "]\n---\n# H " + c.Text + "\n\nbody " + c.Text + " [link](http://x/" + c.Text + ")\n\n## Q " + c.Text + "\n\nA " + c.Text + "\n"
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(md), 0o600); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, "my-"+id)
		name := strings.NewReplacer("/", "", "\x00", "").Replace(c.Text)
		if name == "" {
			continue
		}
		// A title from the file name, and a warning naming a file.
		os.WriteFile(filepath.Join(dir, "f"+strconv.Itoa(i)+name+".md"), []byte("plain text "+c.Text+"\n"), 0o600)
		os.WriteFile(filepath.Join(dir, "e"+strconv.Itoa(i)+name+".md"), []byte("\n"), 0o600)
	}
	return dir, ids
}

func checkOut(t *testing.T, what, out string) {
	t.Helper()
	if bad := hostile.Check(out, true); bad != "" {
		t.Errorf("%s: %s", what, bad)
	}
}

// TestHostileCommandLine sends the corpus through every text path of the
// headless commands: front matter, bodies, file names, flag values echoed
// in errors, and trace input echoed in traces and errors. No byte of it
// reaches stdout or stderr.
func TestHostileCommandLine(t *testing.T) {
	dir, ids := hostileNotes(t)
	code, out, errs := cli(t, "--notes", dir, "list")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, errs)
	}
	checkOut(t, "list stdout", out)
	checkOut(t, "list stderr", errs)
	for _, id := range ids {
		for _, args := range [][]string{{"render", id, "--plain"}, {"render", id, "--width", "40"}} {
			code, out, errs := cli(t, append([]string{"--notes", dir}, args...)...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, errs)
			}
			checkOut(t, strings.Join(args, " ")+" stdout", out)
			checkOut(t, strings.Join(args, " ")+" stderr", errs)
		}
	}
	for _, c := range hostile.Corpus() {
		p := "x" + c.Text + "y"
		for _, args := range [][]string{
			{"--notes", p, "list"},
			{"--notes", dir, "render", p},
			{"--notes", dir, "open", p},
			{"--" + p},
			{"--state", p, "quiz", p},
			{p},
			{"list", p},
			{"trace", p},
			{"trace", "kvstore", "--put", p + "=" + p},
			{"trace", "kvstore", "--put", p},
			{"trace", "kvstore", "--chunk", p},
			{"trace", "kvstore", "--" + p},
			{"trace", "credits", "--add", p + ":1@0+5", "--charge", "1@1"},
			{"trace", "credits", "--add", "a:1@0+5", "--charge", p},
			{"trace", "credits", "--at", p},
			{"trace", "tree", "--tree", p},
			{"trace", "ipv4", p},
			{"render", "tcp", "--width", p},
		} {
			_, out, errs := cli(t, args...)
			checkOut(t, c.Name+": "+strings.Join(args, " ")+" stdout", out)
			checkOut(t, c.Name+": "+strings.Join(args, " ")+" stderr", errs)
		}
	}
}
