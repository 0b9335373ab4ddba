package lessons

import (
	"os"
	"path"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// note parses md as the note n.md and fails the test on an error.
func note(t *testing.T, md string) (*Lesson, error) {
	t.Helper()
	l, warn, err := parseNote("n.md", []byte(md))
	if err != nil {
		t.Fatalf("parseNote: %v\n%s", err, md)
	}
	return l, warn
}

// fronts lists a note's cards as "front = first line of the back".
func fronts(l *Lesson) []string {
	var out []string
	for _, it := range l.Items {
		first, _, _ := strings.Cut(it.Back, "\n")
		out = append(out, it.Front+" = "+first)
	}
	return out
}

func TestNoteFrontMatterShapes(t *testing.T) {
	tests := []struct {
		name, front        string
		title, summary, id string
		tags               []string
		warn               string // part of the warning, or "" for none
	}{
		{name: "jekyll scalar tag", front: "---\nlayout: post\ntitle: 4Sum\ndate: 2021-03-04 10:20:30 +0800\ntags: LeetCode\ncategories: [algorithms, python]\ndescription: Two pointers.\n---\n",
			title: "4Sum", summary: "Two pointers.", tags: []string{"LeetCode", "algorithms", "python"}},
		{name: "jekyll space-separated", front: "---\ntitle: x\ntags: dp greedy\ncategory: algorithms\n---\n",
			title: "x", tags: []string{"dp", "greedy", "algorithms"}},
		{name: "yaml list and a timestamp", front: "---\ntitle: TCP\ndate: 2024-02-02T04:14:54-08:00\ntags:\n  - tcp\n  - net\nparams:\n  author: Jo\n  toc: true\nsummary: |\n  two\n  lines\n---\n",
			title: "TCP", summary: "two lines", tags: []string{"tcp", "net"}},
		{name: "summary before description", front: "---\nsummary: s\ndescription: d\n---\n", summary: "s"},
		{name: "numbers are text", front: "---\ntitle: 2024\ntags: [1, two]\n---\n", title: "2024", tags: []string{"1", "two"}},
		{name: "an empty block", front: "---\n---\n"},
		{name: "id", front: "---\nid: Raft Notes\n---\n", id: "my-raft-notes"},
		{name: "toml", front: "+++\ntitle = 'Cache strategies'\ndate = 2024-02-02T04:14:54-08:00\ndraft = false\ndescription = \"Who writes \\\"what\\\".\"\ntags = [\"system design\", 'caching']\ncategories = [\n  \"interview\", # a comment\n]\n[params]\n  title = 'not this one'\n+++\n",
			title: "Cache strategies", summary: `Who writes "what".`, tags: []string{"system design", "caching", "interview"}},
		{name: "toml multi-line string", front: "+++\ntitle = \"\"\"\nLong \\\n  title\"\"\"\n+++\n", title: "Long title"},
		{name: "yaml that does not parse", front: "---\ntitle: \"open\ntags: [a\n---\n", warn: "its front matter cannot be read (yaml: "},
		{name: "yaml that is not a map", front: "---\njust some words\n---\n", warn: "not a list of key: value lines"},
		{name: "a title that is a list", front: "---\ntitle: [a, b]\ntags: [x]\n---\n", tags: []string{"x"}, warn: "title is not text"},
		{name: "tags that are a map", front: "---\ntitle: t\ntags: {a: 1}\n---\n", title: "t", warn: "tags is not a list of words"},
		{name: "toml that does not parse", front: "+++\ntitle = \n+++\n", warn: "toml: line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, warn := note(t, tc.front+"## H\nbody\n")
			if got := l.Title; tc.title != "" && got != tc.title || tc.title == "" && got != "n" {
				t.Errorf("title %q, want %q", got, tc.title)
			}
			if tc.summary != "" && l.Summary != tc.summary {
				t.Errorf("summary %q, want %q", l.Summary, tc.summary)
			}
			if tc.id != "" && l.ID != tc.id {
				t.Errorf("id %q, want %q", l.ID, tc.id)
			}
			if !reflect.DeepEqual(l.Tags, tc.tags) {
				t.Errorf("tags %q, want %q", l.Tags, tc.tags)
			}
			if tc.warn == "" && warn != nil || tc.warn != "" && (warn == nil || !strings.Contains(warn.Error(), tc.warn)) {
				t.Errorf("warning %v, want one with %q", warn, tc.warn)
			}
			// Read or not, the block is never shown.
			if l.Body != "## H\nbody\n" {
				t.Errorf("body %q", l.Body)
			}
		})
	}
}

// TestNoteTitle holds the title rule: the front matter's title, else the
// first one-# heading that is a heading, else the file name.
func TestNoteTitle(t *testing.T) {
	tests := map[string]string{
		"---\ntitle: From front matter\n---\n# A heading\ntext\n":            "From front matter",
		"intro\n\n## Two\n\n# One\ntext\n":                                   "One",
		"## Only second level\ntext\n":                                       "n",
		"# output: [(2, -1, -1, 0), ...]\nprint(f(x))\n\n# Real title\ntext": "Real title",
		"x = 1\n# a comment\ny = 2\n":                                        "n",
		"# note: {a} and {b}\ntext\n":                                        "n",
		"#not a heading\ntext\n":                                             "n",
	}
	for md, want := range tests {
		if l, _ := note(t, md); l.Title != want {
			t.Errorf("title of %q is %q, want %q", md, l.Title, want)
		}
	}
}

// TestCommentHeadings holds which # lines are comments in unfenced code,
// and that their text stays in the card above them, shown as text.
func TestCommentHeadings(t *testing.T) {
	tests := []struct {
		md   string
		want []string
	}{
		// Code above or below a one-# line: a comment.
		{"# T\n## Code\nfrom x import y\n# a comment\ndef f(a):\n    return a\n",
			[]string{"T › Code = ```python"}},
		{"# T\n## Code\nres = f(x)\n# the result\n\nprose\n", []string{"T › Code = res = f(x)"}},
		// The text reads as code, whatever is around it.
		{"# T\n## Q\ntext\n# output: [(2, -1, -1, 0), ...]\\n\nmore\n", []string{"T › Q = text"}},
		{"# T\n## a = b\ntext\n", []string{"T = \\## a = b"}},
		// A blank line between the code and a heading keeps it a heading.
		{"# T\n## Code\nx = 1\n\n## Next\ntext\n", []string{"T › Code = x = 1", "T › Next = text"}},
		// A ## heading right above code is a heading (# comments are one #).
		{"# T\n## Solution\nclass Solution:\n    def f(self):\n        return 1\n", []string{"T › Solution = ```python"}},
		// Consecutive comment lines are all comments.
		{"# T\n## S\nx = 1\n# step one\n# step two\ny = 2\n", []string{"T › S = ```"}},
		// A real heading may hold brackets and parentheses.
		{"# T\n## Q1 [Easy] Two Sum (hash map)\ntext\n", []string{"T › Q1 [Easy] Two Sum (hash map) = text"}},
	}
	for _, tc := range tests {
		l, _ := note(t, tc.md)
		if got := fronts(l); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.md, got, tc.want)
		}
	}
	// The comment shows as text in the back, inside the code it is part of.
	l, _ := note(t, "# T\n## Code\nx = [1, 2]\n# output: [(2, -1, -1, 0), ...]\nprint(x)\n")
	if back := l.Items[0].Back; back != "```python\nx = [1, 2]\n# output: [(2, -1, -1, 0), ...]\nprint(x)\n```" {
		t.Errorf("back %q", back)
	}
	l, _ = note(t, "# T\n## Q\nprose\n# output: [(2, -1), ...]\nprose\n")
	if back := l.Items[0].Back; back != "prose\n\\# output: [(2, -1), ...]\nprose" {
		t.Errorf("back %q", back)
	}
}

// TestNoteLostText has a case for each kind of text that once belonged to
// no card, or to a card no one could reach.
func TestNoteLostText(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"text before the first heading, no title heading", "intro line\n\n## A\na\n",
			[]string{"n = intro line", "n › A = a"}},
		{"text before the title heading joins the title's text", "before\n# T\nafter\n## A\na\n",
			[]string{"T = before", "T › A = a"}},
		{"text before the first heading under a front matter title", "---\ntitle: FM\n---\nintro\n# Other\n## A\na\n",
			[]string{"FM = intro", "FM › Other › A = a"}},
		{"text directly under a heading that has sub-headings", "# T\n## Q1\nthe question\n### Logic\nlogic 1\n### Code\ncode 1\n",
			[]string{"T › Q1 = the question", "T › Q1 › Logic = logic 1", "T › Q1 › Code = code 1"}},
		{"sub-headings that share a text", "# T\n## Q1\n### Logic Framework\none\n## Q2\n### Logic Framework\ntwo\n",
			[]string{"T › Q1 › Logic Framework = one", "T › Q2 › Logic Framework = two"}},
		{"headings that share a path", "# T\n## Example\none\n## Example\ntwo\n## Example\nthree\n",
			[]string{"T › Example = one", "T › Example (2) = two", "T › Example (3) = three"}},
		{"text under a comment line", "# T\n## A\na\n# x = 1\nb\n", []string{"T › A = a"}},
		{"a note with no heading at all", "just text\nmore\n", []string{"n = just text"}},
		{"setext headings", "Title\n=====\n\nintro\n\nSection\n-------\ntext\n\nnot a heading\nbut a paragraph\n---\nafter\n",
			[]string{"Title = intro", "Title › Section = text"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, _ := note(t, tc.md)
			if got := fronts(l); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
			checkNothingLost(t, l)
		})
	}
	// A section too long for one card is split, every part kept, at blank
	// lines.
	var b strings.Builder
	b.WriteString("# T\n## Long\n")
	for i := range 60 {
		b.WriteString("paragraph " + strings.Repeat("x", i) + "\n\n")
	}
	l, _ := note(t, b.String())
	if len(l.Items) < 2 {
		t.Fatalf("a 120-line section makes %d cards", len(l.Items))
	}
	for i, it := range l.Items {
		if want := "T › Long (" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(l.Items)) + ")"; it.Front != want {
			t.Errorf("part %d: front %q, want %q", i, it.Front, want)
		}
		if n := strings.Count(it.Back, "\n") + 1; n > MaxCardRows {
			t.Errorf("part %d has %d lines, more than %d", i, n, MaxCardRows)
		}
	}
	checkNothingLost(t, l)
	// A paragraph that long with no blank line is cut between lines.
	l, _ = note(t, "# T\n## Wall\n"+strings.Repeat("a line of a paragraph that never ends\n", 100))
	if len(l.Items) != 3 {
		t.Errorf("a 100-line paragraph makes %d cards, want 3", len(l.Items))
	}
	for _, it := range l.Items {
		if n := strings.Count(it.Back, "\n") + 1; n > MaxCardRows {
			t.Errorf("%s has %d lines", it.Front, n)
		}
	}
	checkNothingLost(t, l)
}

// checkNothingLost fails the test if a line of l's body that is not a
// heading is in no card's back (a comment line shows there as \#...).
// Headings are context: a card's front holds those above its text, and the
// cases of TestNoteLostText say which.
func checkNothingLost(t *testing.T, l *Lesson) {
	t.Helper()
	var backs strings.Builder
	for _, it := range l.Items {
		backs.WriteString(it.Back + "\n")
	}
	all := backs.String()
	body := strings.Split(l.Body, "\n")
	for i, line := range body {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if i+1 < len(body) && setextLevel(line, body[i+1]) > 0 && !strings.Contains(all, line) {
			continue // a setext heading's text
		}
		if level, _ := headingLine(line); level > 0 && !strings.Contains(all, line) {
			continue
		}
		if strings.Trim(trimmed, "=") == "" || strings.Trim(trimmed, "-") == "" {
			continue // a setext heading's underline (or a rule): markup
		}
		if !strings.Contains(all, trimmed) {
			t.Errorf("the line %q is in no card", line)
		}
	}
}

func TestNoteCorpusLosesNothing(t *testing.T) {
	scan, err := ScanNotes(os.DirFS("testdata/notes"), ".", []string{"md", "markdown", "txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(scan.Notes) != 11 {
		t.Errorf("%d notes read, want 11 with .txt", len(scan.Notes))
	}
	for _, l := range scan.Notes {
		checkNothingLost(t, l)
	}
}

func TestNoteSlug(t *testing.T) {
	tests := map[string]string{
		"sub/Raft Notes.md": "my-sub-raft-notes",
		"中文笔记.md":           "my-中文笔记",
		"笔记/进程 线程.md":       "my-笔记-进程-线程",
		"🎉.md":              "my-note-",
	}
	for p, want := range tests {
		l, _, err := parseNote(p, []byte("text\n"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(l.ID, want) || want == "my-note-" && len(l.ID) != len(want)+8 {
			t.Errorf("%s: id %q, want %q", p, l.ID, want)
		}
	}
}

// TestFormerIDs holds the migration of card ids: a card whose front now
// holds its heading path keeps the review history it had under its old
// front ("Title › heading"), when that heading was its alone.
func TestFormerIDs(t *testing.T) {
	scan, err := ScanNotes(fstest.MapFS{"go.md": {Data: []byte("# Go notes\nintro\n## Maps\nHash tables.\n## Empty\n### Channels\nTyped pipes.\n## Q1\n### Logic\none\n## Q2\n### Logic\ntwo\n")}}, ".", DefaultNoteExts)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(fstest.MapFS{"lessons/tcp.md": {Data: []byte(goodLesson)}, "lessons/tcp.quiz.yaml": {Data: []byte(goodQuiz)}})
	if err != nil {
		t.Fatal(err)
	}
	c.Add(scan.Notes...)
	l, _ := c.Lookup("my-go")
	byFront := map[string]Item{}
	for _, it := range l.Items {
		byFront[it.Front] = it
	}
	// The ids the cards had, by the rule docs/content.md gave: the note's
	// id and "<title> › <heading>", or the title for the title's text.
	old := func(front string) string { return cardID("my-go", front) }
	if got := byFront["Go notes › Maps"].ID; got != old("Go notes › Maps") {
		t.Errorf("a card one level down changed its id: %s", got)
	}
	if got := byFront["Go notes"].ID; got != old("Go notes") {
		t.Errorf("the title's card changed its id: %s", got)
	}
	ch := byFront["Go notes › Empty › Channels"]
	if ch.ID == old("Go notes › Channels") || ch.FormerID != old("Go notes › Channels") {
		t.Errorf("channels: id %s, former %s", ch.ID, ch.FormerID)
	}
	m := c.FormerIDs()
	want := map[string]string{old("Go notes › Channels"): ch.ID}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("FormerIDs = %v, want %v (the two Logic cards shared one id: neither takes it)", m, want)
	}
	// The shipped lessons' cards are quiz items, not headings: untouched.
	tcp, _ := c.Lookup("tcp")
	if tcp.Items[0].ID != "tcp/"+hexOf("What does SYN stand for?") {
		t.Errorf("a shipped card id changed: %s", tcp.Items[0].ID)
	}
}

// hexOf is the card id digits of prompt, as docs/content.md says they are
// made: the first six bytes of the SHA-256 of the prompt.
func hexOf(prompt string) string {
	id := cardID("", prompt)
	return id[1:]
}

func TestScanNotesCountsOtherFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt": {Data: []byte("# A\n## x\ny\n")}, "b.TXT": {Data: []byte("text")},
		"c.pdf": {Data: []byte("%PDF")}, "Makefile": {Data: []byte("all:")},
	}
	scan, err := ScanNotes(fsys, ".", DefaultNoteExts)
	if err != nil || len(scan.Notes) != 0 {
		t.Fatalf("%v %v", scan, err)
	}
	if want := map[string]int{".txt": 2, ".pdf": 1, "": 1}; !reflect.DeepEqual(scan.Other, want) {
		t.Errorf("other %v, want %v", scan.Other, want)
	}
	scan, _ = ScanNotes(fsys, ".", []string{"md", "TXT"})
	if len(scan.Notes) != 2 || path.Ext(scan.Notes[0].Path) != ".txt" {
		t.Errorf("--ext md,txt read %d notes", len(scan.Notes))
	}
}

func FuzzReadTOML(f *testing.F) {
	f.Add("title = 'x'\ntags = [\"a\", 'b',]\n[params]\nk = 1\n")
	f.Add("a.b = \"\"\"\nx\\\n y\"\"\"\nc = { d = [1, [2]] }\n")
	f.Add("date = 2024-02-02 04:14:54\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := readTOMLTop(s)
		if err != nil {
			return
		}
		for k, v := range m {
			if strings.Contains(k, ".") && !strings.ContainsAny(s, `"'`) {
				t.Errorf("a dotted key %q at the top", k)
			}
			_ = v
		}
	})
}
