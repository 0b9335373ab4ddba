package tutor

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode"

	"tutor/internal/lessons"
)

// AnkiHeader is the start of an export: Anki's file headers (Anki 2.1.55
// and later read them; older versions skip them as comments). Fields are
// tab-separated HTML, the note type is Basic (every collection has it),
// the third column names each card's deck (tutor::<lesson>, made if it
// does not exist) and the fourth holds its tags.
const AnkiHeader = "#separator:tab\n" +
	"#html:true\n" +
	"#notetype:Basic\n" +
	"#columns:Front\tBack\tDeck\tTags\n" +
	"#deck column:3\n" +
	"#tags column:4\n"

// Export writes the cards of lesson id (every lesson when id is "") in
// format; "anki" is the one format there is (see WriteAnki). The learner's
// own notes are among the lessons when Options.Notes names their folder.
func Export(e Env, o Options, format, id string) error {
	if format != "anki" {
		return Usagef("unknown export format %q (formats: anki)", format)
	}
	cat, _, err := Catalog(o)
	if err != nil {
		return err
	}
	if id != "" {
		l, err := Lookup(cat, id)
		if err != nil {
			return err
		}
		id = l.ID
	}
	return WriteAnki(e.Stdout, cat, id)
}

// WriteAnki writes every recall and choice card of lesson id (of every
// lesson when id is "") to w in Anki's plain-text import format: the
// AnkiHeader, then one line a card, four fields separated by tabs. Fields
// are HTML: <, >, &, and both quotes are escaped (so no field starts with
// the quote that would make Anki read it as a quoted field), a newline
// becomes <br>, a tab &#9;, and a # that starts a line &#35; (a line that
// starts with # is a comment to Anki). A note's card has its markdown as
// HTML (see ankiMarkdown); a quiz file's recall card is plain text, as the
// quiz shows it; a choice card's front is its question and its choices in
// an ordered list, its back the right choice in bold and the explanation.
// Generated exercises have no fixed answer and are not written.
func WriteAnki(w io.Writer, cat *lessons.Catalog, id string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(AnkiHeader)
	for _, l := range cat.Lessons() {
		if id != "" && l.ID != id {
			continue
		}
		deck := "tutor::" + ankiTag(l.ID)
		for _, it := range l.Items {
			var front, back string
			switch {
			case it.Kind == lessons.Recall && it.Markdown:
				front, back = ankiMarkdown(it.Front), ankiMarkdown(it.Back)
			case it.Kind == lessons.Recall:
				// A quiz file's item is plain text, as the quiz shows it:
				// "08. The tag" is no list.
				front, back = ankiHTML(it.Front), ankiHTML(it.Back)
			case it.Kind == lessons.Choice:
				var b strings.Builder
				b.WriteString(ankiHTML(it.Question) + "<ol>")
				for _, c := range it.Choices {
					b.WriteString("<li>" + ankiHTML(c) + "</li>")
				}
				b.WriteString("</ol>")
				front = b.String()
				if it.Answer >= 0 && it.Answer < len(it.Choices) {
					back = "<b>" + ankiHTML(it.Choices[it.Answer]) + "</b>"
				}
				if it.Explain != "" {
					back += "<br><br>" + ankiHTML(it.Explain)
				}
			default:
				continue
			}
			fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", ankiStart(front), back, deck, ankiTags(l, it))
		}
	}
	return bw.Flush()
}

// ankiHTML is s as HTML text on one line.
func ankiHTML(s string) string {
	s = html.EscapeString(strings.ReplaceAll(s, "\r\n", "\n"))
	s = strings.NewReplacer("\n", "<br>", "\r", "<br>", "\t", "&#9;").Replace(s)
	return s
}

// ankiStart escapes a # at the start of the line's first field.
func ankiStart(front string) string {
	if strings.HasPrefix(front, "#") {
		return "&#35;" + front[1:]
	}
	return front
}

// ankiTags are a card's tags: tutor, its lesson's id, its kind, and the
// lesson's tags, each one word.
func ankiTags(l *lessons.Lesson, it lessons.Item) string {
	tags := []string{"tutor", ankiTag(l.ID), string(it.Kind)}
	if l.User {
		tags = append(tags, "your-note")
	}
	for _, t := range l.Tags {
		if t := ankiTag(t); t != "" {
			tags = append(tags, t)
		}
	}
	return strings.Join(tags, " ")
}

// ankiTag is s as one Anki tag: no spaces or control characters (a space
// separates tags), no quotes.
func ankiTag(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return '_'
		case unicode.IsControl(r), r == '"':
			return -1
		}
		return r
	}, s)
}
