package tutor

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"tutor/content"
	"tutor/internal/lessons"
)

// trickyCatalog has cards whose text holds everything that could break a
// tab-separated HTML line: tabs, newlines, angle brackets, ampersands,
// both quotes, a leading # (a comment line to Anki), CJK and a lesson tag
// with a space.
func trickyCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	quiz := `- kind: recall
  front: "# of bytes\tin \"名字\"?"
  back: "6 bytes:\n<3 each> & 'two' runes"
- kind: choice
  question: "Which is <b>not</b> escaped?"
  choices: ["&amp;", "\"quoted\"", "値\t\u5024"]
  answer: 2
  explain: "Line one\nline two"
- kind: recall
  front: '"starts with a quote'
  back: plain
`
	fsys := fstest.MapFS{
		"lessons/tricky.md":        {Data: []byte("---\nid: tricky\ntitle: Tricky\ntags: [two words, 名字]\norder: 1\nsummary: s\n---\nbody\n")},
		"lessons/tricky.quiz.yaml": {Data: []byte(quiz)},
		"lessons/other.md":         {Data: []byte("---\nid: other\ntitle: Other\norder: 2\nsummary: s\n---\nbody\n")},
		"lessons/other.quiz.yaml":  {Data: []byte("- kind: recall\n  front: Other front\n  back: Other back\n")},
	}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// fromAnkiHTML undoes the export's escaping, as Anki shows a field: <br>
// is a newline, entities are characters.
func fromAnkiHTML(s string) string {
	return html.UnescapeString(strings.ReplaceAll(s, "<br>", "\n"))
}

// TestWriteAnkiFieldByField reads the export back line by line and field
// by field: the header lines Anki's manual lists, then for each card four
// fields that give back the card's text exactly.
func TestWriteAnkiFieldByField(t *testing.T) {
	cat := trickyCatalog(t)
	var b strings.Builder
	if err := WriteAnki(&b, cat, "tricky"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	header := []string{"#separator:tab", "#html:true", "#notetype:Basic", "#columns:Front\tBack\tDeck\tTags", "#deck column:3", "#tags column:4"}
	if len(lines) != len(header)+3 {
		t.Fatalf("%d lines, want %d header lines and 3 cards:\n%s", len(lines), len(header), b.String())
	}
	for i, h := range header {
		if lines[i] != h {
			t.Errorf("header line %d = %q, want %q", i, lines[i], h)
		}
	}
	l, _ := cat.Lookup("tricky")
	wantTags := "tutor tricky recall two_words 名字"
	for i, line := range lines[len(header):] {
		it := l.Items[i]
		if strings.HasPrefix(line, "#") {
			t.Errorf("card %d starts with #, a comment to Anki: %q", i, line)
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("card %d has %d fields: %q", i, len(f), line)
		}
		for j, field := range f {
			if strings.ContainsAny(field, "\"'\r\n") {
				t.Errorf("card %d field %d holds a raw quote or line break: %q", i, j, field)
			}
		}
		if f[2] != "tutor::tricky" {
			t.Errorf("card %d deck %q", i, f[2])
		}
		tags := wantTags
		if it.Kind == lessons.Choice {
			tags = strings.Replace(wantTags, "recall", "choice", 1)
		}
		if f[3] != tags {
			t.Errorf("card %d tags %q, want %q", i, f[3], tags)
		}
		switch it.Kind {
		case lessons.Recall:
			// A quiz file's recall card is plain text, as the quiz shows
			// it: "# of bytes" is no heading there, and its # is escaped
			// so that Anki does not read a comment.
			want := map[int][2]string{
				0: {"&#35; of bytes&#9;in &#34;名字&#34;?", "6 bytes:<br>&lt;3 each&gt; &amp; &#39;two&#39; runes"},
				2: {"&#34;starts with a quote", "plain"},
			}[i]
			if f[0] != want[0] || f[1] != want[1] {
				t.Errorf("card %d front %q back %q, want %q and %q", i, f[0], f[1], want[0], want[1])
			}
		case lessons.Choice:
			q, list, ok := strings.Cut(f[0], "<ol>")
			if !ok || !strings.HasSuffix(list, "</ol>") || fromAnkiHTML(q) != it.Question {
				t.Fatalf("choice front %q", f[0])
			}
			items := strings.Split(strings.TrimSuffix(strings.TrimPrefix(list, "<li>"), "</li></ol>"), "</li><li>")
			if len(items) != len(it.Choices) {
				t.Fatalf("choice front %q: %d choices", f[0], len(items))
			}
			for k, c := range it.Choices {
				if got := fromAnkiHTML(items[k]); got != c {
					t.Errorf("choice %d %q gives back %q, want %q", k, items[k], got, c)
				}
			}
			right, explain, _ := strings.Cut(f[1], "<br><br>")
			if right != "<b>"+"値&#9;値"+"</b>" || fromAnkiHTML(explain) != it.Explain {
				t.Errorf("choice back %q", f[1])
			}
		}
	}
}

// TestAnkiMarkdownFieldByField: the tester's note, a section of prose in
// bold and italics, fenced Go, a list with a code span and two lines with
// a <br>, exported as HTML Anki shows as the quiz does: the code in
// <pre><code>, escaped, its indentation kept, no fence; no markup left.
func TestAnkiMarkdownFieldByField(t *testing.T) {
	note := "# Raft\n\n## Code\n\nThe **tick** runs *every* ms:\n\n```go\nfunc (n *Node) tick() {\n    n.elapsed++\n" +
		"    if n.elapsed > n.timeout { n.startElection() }\n}\n```\n\n- one `x < y`\n- two\n\nline a\nline b <br> c <kbd>k</kbd>\n\n" +
		"## Ordered\n\n1. first\n2. second\n\n<div>raw</div>\n"
	notes, _, err := lessons.LoadNotes(fstest.MapFS{"raft.md": {Data: []byte(note)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	cat := trickyCatalog(t)
	cat.Add(notes...)
	var b strings.Builder
	if err := WriteAnki(&b, cat, "my-raft"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")[6:]
	want := [][2]string{
		{"Raft › Code", "<p>The <strong>tick</strong> runs <em>every</em> ms:</p>" +
			"<pre><code>func (n *Node) tick() {<br>    n.elapsed++<br>    if n.elapsed &gt; n.timeout { n.startElection() }<br>}</code></pre>" +
			"<ul><li>one <code>x &lt; y</code></li><li>two</li></ul>" +
			"<p>line a<br>line b <br> c &lt;kbd&gt;k&lt;/kbd&gt;</p>"},
		{"Raft › Ordered", "<ol><li>first</li><li>second</li></ol><p>&lt;div&gt;raw&lt;/div&gt;</p>"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d cards, want %d:\n%s", len(lines), len(want), b.String())
	}
	for i, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("card %d: %d fields: %q", i, len(f), line)
		}
		if f[0] != want[i][0] {
			t.Errorf("card %d front\n%q, want\n%q", i, f[0], want[i][0])
		}
		if f[1] != want[i][1] {
			t.Errorf("card %d back\n%q, want\n%q", i, f[1], want[i][1])
		}
	}
}

// TestWriteAnkiEveryLesson: without a lesson every lesson's cards are
// written, and the embedded lessons' every recall and choice card.
func TestWriteAnkiEveryLesson(t *testing.T) {
	var b strings.Builder
	if err := WriteAnki(&b, trickyCatalog(t), ""); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "Other front\tOther back\ttutor::other\ttutor other recall\n") {
		t.Errorf("export of every lesson ends:\n%s", b.String())
	}
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := WriteAnki(&b, cat, ""); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(b.String(), "\n"), len(strings.Split(AnkiHeader, "\n"))-1+len(cat.Items()); got != want {
		t.Errorf("%d lines for %d cards", got, len(cat.Items()))
	}
	for i, line := range strings.Split(b.String(), "\n")[6:] {
		if line != "" && strings.Count(line, "\t") != 3 {
			t.Errorf("line %d has %d tabs: %q", i, strings.Count(line, "\t"), line)
		}
	}
}

// FuzzAnkiMarkdown: any card text makes one field: no raw tab, newline
// or carriage return, no raw quote but in a tag (<ol start="0">), so none
// starts the field, and no panic.
func FuzzAnkiMarkdown(f *testing.F) {
	f.Add("# h\n\n```go\nx\t:= 1\n```\n- a\n- b <br/> 'q' \"d\"\n<div>x</div>")
	f.Add("    code\r\n\r\n> quote `c`")
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 2000 {
			return
		}
		got := ankiMarkdown(md)
		text := regexp.MustCompile(`<[^<>]*>`).ReplaceAllString(got, "")
		if strings.ContainsAny(got, "\t\n\r") || strings.ContainsAny(text, "\"'") || strings.HasPrefix(got, "\"") {
			t.Fatalf("ankiMarkdown(%q) = %q", md, got)
		}
	})
}

// TestWriteAnkiQuizItemsStayPlain: the shipped quiz's "08. The tag is
// ..." is exported as written, not as a numbered list starting at 8, as
// the quiz shows it (a quiz file's item is plain text).
func TestWriteAnkiQuizItemsStayPlain(t *testing.T) {
	cat, _, err := Catalog(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteAnki(&b, cat, "serialization"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\t08. The tag is the varint") {
		t.Errorf("the back \"08. The tag ...\" was not written as it is:\n%s", b.String())
	}
	if strings.Contains(b.String(), "<ol start=\"8\">") {
		t.Errorf("a quiz back became a numbered list")
	}
}
