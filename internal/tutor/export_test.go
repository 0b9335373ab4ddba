package tutor

import (
	"html"
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
			if got := fromAnkiHTML(f[0]); got != it.Front {
				t.Errorf("card %d front %q gives back %q, want %q", i, f[0], got, it.Front)
			}
			if got := fromAnkiHTML(f[1]); got != it.Back {
				t.Errorf("card %d back %q gives back %q, want %q", i, f[1], got, it.Back)
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
	// The escapes themselves, for a reader who checks by eye.
	if want := "&#35; of bytes&#9;in &#34;名字&#34;?\t6 bytes:<br>&lt;3 each&gt; &amp; &#39;two&#39; runes\t"; !strings.HasPrefix(lines[len(header)], want) {
		t.Errorf("first card %q, want it to start %q", lines[len(header)], want)
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
