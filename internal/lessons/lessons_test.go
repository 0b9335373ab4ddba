package lessons

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

const goodLesson = `---
id: tcp
title: TCP
tags: [networking]
order: 30
summary: The byte stream and its handshake.
---
# TCP

Body text.
`

const goodQuiz = `- kind: recall
  front: What does SYN stand for?
  back: Synchronize sequence numbers.
- kind: choice
  question: Which state waits 2MSL?
  choices: [CLOSE-WAIT, TIME-WAIT]
  answer: 1
  explain: The side that closes first waits in TIME-WAIT.
`

func TestLoadGood(t *testing.T) {
	fsys := fstest.MapFS{
		"lessons/tcp.md":        {Data: []byte(goodLesson)},
		"lessons/tcp.quiz.yaml": {Data: []byte(goodQuiz)},
		"lessons/a.md":          {Data: []byte(strings.Replace(strings.Replace(goodLesson, "id: tcp", "id: a", 1), "order: 30", "order: 5", 1))},
		"lessons/a.quiz.yaml":   {Data: []byte(goodQuiz)},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.IDs(), ","); got != "a,tcp" {
		t.Fatalf("order: got %s, want a,tcp", got)
	}
	l, ok := c.Lookup("tcp")
	if !ok || l.Title != "TCP" || l.Summary != "The byte stream and its handshake." || len(l.Tags) != 1 {
		t.Fatalf("lesson: %+v", l)
	}
	if !strings.HasPrefix(l.Body, "# TCP\n") {
		t.Errorf("body starts %q", l.Body[:10])
	}
	if len(l.Items) != 2 || l.Items[1].Answer != 1 || l.Items[0].Lesson != "tcp" {
		t.Fatalf("items: %+v", l.Items)
	}
	a, _ := c.Lookup("a")
	if l.Items[0].ID == a.Items[0].ID {
		t.Errorf("card ids of two lessons collide: %s", l.Items[0].ID)
	}
	if !strings.HasPrefix(l.Items[0].ID, "tcp/") || len(l.Items[0].ID) != len("tcp/")+12 {
		t.Errorf("card id %q", l.Items[0].ID)
	}
	if len(c.Items()) != 4 {
		t.Errorf("Items: %d", len(c.Items()))
	}
}

func TestCardIDStableUnderWhitespace(t *testing.T) {
	if cardID("x", "What  is\n a SYN?") != cardID("x", "What is a SYN?") {
		t.Error("card id changes with whitespace")
	}
	if cardID("x", "What is a SYN?") == cardID("x", "What is a FIN?") {
		t.Error("different prompts share an id")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, md, quiz, want string
	}{
		{"no front matter", "# TCP\n", goodQuiz, "no front matter"},
		{"unclosed front matter", "---\nid: tcp\n", goodQuiz, "no front matter"},
		{"id mismatch", strings.Replace(goodLesson, "id: tcp", "id: udp", 1), goodQuiz, `id "udp" does not match`},
		{"unknown field", strings.Replace(goodLesson, "order: 30", "order: 30\nauthor: me", 1), goodQuiz, "author"},
		{"no title", strings.Replace(goodLesson, "title: TCP", "title: ''", 1), goodQuiz, "no title"},
		{"no order", strings.Replace(goodLesson, "order: 30", "order: 0", 1), goodQuiz, "order must be"},
		{"empty body", strings.SplitAfter(goodLesson, "---\n")[0] + strings.SplitAfter(goodLesson, "---\n")[1], goodQuiz, "empty body"},
		{"no quiz", goodLesson, "", "no quiz file"},
		{"empty quiz", goodLesson, "[]", "no items"},
		{"bad kind", goodLesson, "- kind: essay\n  front: a\n  back: b\n", `unknown kind "essay"`},
		{"answer out of range", goodLesson, strings.Replace(goodQuiz, "answer: 1", "answer: 2", 1), "answer 2 is not an index"},
		{"one choice", goodLesson, "- kind: choice\n  question: q\n  choices: [a]\n  answer: 0\n  explain: e\n", "at least 2 choices"},
		{"no explain", goodLesson, strings.Replace(goodQuiz, "  explain: The side that closes first waits in TIME-WAIT.\n", "", 1), "needs an explanation"},
		{"recall without back", goodLesson, "- kind: recall\n  front: a\n", "needs a front and a back"},
		{"duplicate", goodLesson, goodQuiz + goodQuiz, "asks the same as item 1"},
		{"typo field", goodLesson, "- kind: recall\n  frnt: a\n  back: b\n", "frnt"},
		{"not yaml", goodLesson, "- kind: [\n", "tcp.quiz.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"lessons/tcp.md": {Data: []byte(tt.md)}}
			if tt.quiz != "" {
				fsys["lessons/tcp.quiz.yaml"] = &fstest.MapFile{Data: []byte(tt.quiz)}
			}
			_, err := Load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadOrphanQuiz(t *testing.T) {
	fsys := fstest.MapFS{
		"lessons/tcp.md":        {Data: []byte(goodLesson)},
		"lessons/tcp.quiz.yaml": {Data: []byte(goodQuiz)},
		"lessons/udp.quiz.yaml": {Data: []byte(goodQuiz)},
	}
	if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), "udp.quiz.yaml: no lesson") {
		t.Fatalf("got %v", err)
	}
}

func TestNotes(t *testing.T) {
	fsys := fstest.MapFS{
		"notes/go.md":             {Data: []byte("# Go notes\n\nintro\n\n## Slices\n\nA slice is a view of an array.\n\n```go\n# not a heading\n```\n\n## Empty\n\n### Maps\nHash tables.\n")},
		"notes/sub/raft.markdown": {Data: []byte("---\ntitle: Raft\ntags: [consensus]\nwhatever: 1\n---\n## Terms\nA term is an epoch.\n")},
		"notes/evil.md":           {Data: []byte("# Evil\x1b]0;pwned\x07\n\n## Colour \x1b[31mred\x1b[0m\nbody\x07 with bell\r\nand \u202eoverride\n")},
		"notes/blank.md":          {Data: []byte("  \n")},
		"notes/readme.txt":        {Data: []byte("# not markdown")},
		"notes/.git/x.md":         {Data: []byte("# hidden\n## h\nx\n")},
	}
	notes, warnings, err := LoadNotes(fsys, "notes")
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 3 {
		t.Fatalf("got %d notes, want 3 (blank, txt and hidden skipped)", len(notes))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "blank.md: no text") {
		t.Errorf("warnings: %v", warnings)
	}
	byTitle := map[string]*Lesson{}
	for _, n := range notes {
		byTitle[n.Title] = n
		if !n.User || !strings.HasPrefix(n.ID, "my-") {
			t.Errorf("note %+v is not marked as the user's", n)
		}
	}
	g := byTitle["Go notes"]
	if g == nil {
		t.Fatalf("no Go notes: %v", byTitle)
	}
	var fronts []string
	for _, it := range g.Items {
		fronts = append(fronts, it.Front+"="+it.Back)
	}
	want := "Go notes=intro|Go notes › Slices=A slice is a view of an array.\n\n```go\n# not a heading\n```|Go notes › Empty › Maps=Hash tables."
	if got := strings.Join(fronts, "|"); got != want {
		t.Errorf("cards:\n got %q\nwant %q", got, want)
	}
	r := byTitle["Raft"]
	if r == nil || len(r.Items) != 1 || r.Items[0].Front != "Raft › Terms" || r.Tags[0] != "consensus" {
		t.Errorf("raft: %+v", r)
	}
	e := byTitle["Evil"]
	if e == nil {
		t.Fatalf("evil note missing: %v", byTitle)
	}
	for _, s := range []string{e.Body, e.Title, e.Items[0].Front, e.Items[0].Back} {
		if strings.ContainsAny(s, "\x1b\x07\r\u202e") {
			t.Errorf("control characters survive: %q", s)
		}
	}
	if e.Items[0].Front != "Evil › Colour red" {
		t.Errorf("front %q", e.Items[0].Front)
	}
}

func TestNotesUnreadable(t *testing.T) {
	if _, _, err := LoadNotes(fstest.MapFS{}, "nope"); err == nil || !strings.Contains(err.Error(), "notes folder") {
		t.Fatalf("missing folder: %v", err)
	}
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		return // root reads everything; the missing folder above covers the error path
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "locked")
	os.Mkdir(sub, 0o700)
	os.WriteFile(filepath.Join(dir, "ok.md"), []byte("# ok\n## a\nb\n"), 0o600)
	os.Chmod(sub, 0)
	defer os.Chmod(sub, 0o700)
	notes, warnings, err := LoadNotes(os.DirFS(dir), ".")
	if err != nil || len(notes) != 1 || len(warnings) != 1 {
		t.Fatalf("notes %d warnings %v err %v", len(notes), warnings, err)
	}
}

func TestCatalogAddKeepsIDs(t *testing.T) {
	c, err := Load(fstest.MapFS{"lessons/tcp.md": {Data: []byte(goodLesson)}, "lessons/tcp.quiz.yaml": {Data: []byte(goodQuiz)}})
	if err != nil {
		t.Fatal(err)
	}
	warnings := c.Add(&Lesson{ID: "tcp", Path: "tcp.md", Title: "mine", User: true, Items: []Item{{Kind: Recall, Front: "f", Back: "b"}}},
		&Lesson{ID: "my-tcp", Path: "my.md", Title: "mine", User: true, Items: []Item{{Kind: Recall, Front: "f", Back: "b"}}})
	ids := c.IDs()
	if len(ids) != 2 || ids[1] != "my-tcp" {
		t.Fatalf("ids %v", ids)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "tcp.md: its id tcp is already the id of lessons/tcp.md: skipped") {
		t.Errorf("warnings %v", warnings)
	}
	l, _ := c.Lookup("my-tcp")
	if l.Items[0].Lesson != "my-tcp" || !strings.HasPrefix(l.Items[0].ID, "my-tcp/") {
		t.Errorf("item %+v", l.Items[0])
	}
}

func TestSanitize(t *testing.T) {
	tests := map[string]string{
		"plain":                                "plain",
		"a\x1b[2Jb":                            "ab",
		"\x1b]8;;http://x\x07link\x1b]8;;\x07": "link",
		"tab\tnew\nline":                       "tab\tnew\nline",
		"crlf\r\nend\rx":                       "crlf\nend\nx",
		"bad\xffutf8":                          "bad\uFFFDutf8",
		"nul\x00del\x7fc1\u0085":               "nuldelc1",
		"名字":                                   "名字",
	}
	for in, want := range tests {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"serialization", "kvstore", "tcp", "ipv4", "mvcc", "redis", "credits", "machinetree"}
	tests := map[string]string{
		"tpc":        "tcp",
		"kvstor":     "kvstore",
		"redsi":      "redis",
		"machine":    "machinetree",
		"ipv6":       "ipv4",
		"zzzzzzzzzz": "",
	}
	for in, want := range tests {
		got := Closest(in, ids)
		if want == "" {
			if len(got) != 0 {
				t.Errorf("Closest(%q) = %v, want none", in, got)
			}
			continue
		}
		if len(got) == 0 || got[0] != want {
			t.Errorf("Closest(%q) = %v, want %s first", in, got, want)
		}
	}
}

func FuzzParseNote(f *testing.F) {
	f.Add([]byte("# a\n## b\nc\n"))
	f.Add([]byte("---\ntitle: x\n---\n## h\nbody\n"))
	f.Add([]byte("```\n# x\n```\n## y\n\x1b[31mz"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, _, err := parseNote("n.md", data)
		if err != nil {
			return
		}
		checkNothingLost(t, l)
		for _, s := range append([]string{l.Body, l.Title, l.ID, l.Summary}, func() (out []string) {
			for _, it := range l.Items {
				out = append(out, it.Front, it.Back)
			}
			return
		}()...) {
			if strings.ContainsAny(s, "\x1b\x07\r\x00") {
				t.Fatalf("control characters in %q", s)
			}
		}
	})
}

func TestLoadLesson(t *testing.T) {
	fsys := fstest.MapFS{"lessons/tcp.md": {Data: []byte(goodLesson)}, "lessons/bad.md": {Data: []byte("# no front matter\n")}}
	l, err := LoadLesson(fsys, "tcp")
	if err != nil || l.Title != "TCP" || l.Items != nil {
		t.Fatalf("LoadLesson(tcp) = %+v, %v", l, err)
	}
	for _, id := range []string{"udp", "../tcp", "lessons/tcp", ""} {
		if _, err := LoadLesson(fsys, id); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("LoadLesson(%q): %v, want fs.ErrNotExist", id, err)
		}
	}
	if _, err := LoadLesson(fsys, "bad"); err == nil || errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "no front matter") {
		t.Errorf("LoadLesson(bad): %v", err)
	}
}
