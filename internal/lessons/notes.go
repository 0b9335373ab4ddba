package lessons

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"go.yaml.in/yaml/v3"
)

// MaxNoteSize is the size past which a note file is skipped with a warning.
const MaxNoteSize = 1 << 20

// LoadNotes reads the learner's own markdown notes: every *.md and
// *.markdown file below root in fsys, with or without front matter. Each
// file becomes a lesson (User is set, Order follows the path), and each
// heading with text below it becomes a recall card: the heading is the
// front, the text up to the next heading the back.
//
// The text is untrusted: escape sequences and control characters are
// removed (see Sanitize). A file that cannot be read, is too large or has
// no text is skipped and named in the warnings; only a root that cannot be
// read at all is an error.
func LoadNotes(fsys fs.FS, root string) ([]*Lesson, []error, error) {
	if _, err := fs.ReadDir(fsys, root); err != nil {
		return nil, nil, fmt.Errorf("notes folder: %w", err)
	}
	var (
		notes    []*Lesson
		warnings []error
	)
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			warnings = append(warnings, fmt.Errorf("notes: %w", err))
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(p))
		if ext != ".md" && ext != ".markdown" {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() > MaxNoteSize {
			warnings = append(warnings, fmt.Errorf("notes: %s: %d bytes, over the %d-byte limit: skipped", p, info.Size(), MaxNoteSize))
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			warnings = append(warnings, fmt.Errorf("notes: %w", err))
			return nil
		}
		l, err := parseNote(p, data)
		if err != nil {
			warnings = append(warnings, fmt.Errorf("notes: %s: %w", p, err))
			return nil
		}
		l.Order = len(notes) + 1
		notes = append(notes, l)
		return nil
	})
	if err != nil {
		return nil, warnings, err
	}
	return notes, warnings, nil
}

var (
	headingRE = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	slugRE    = regexp.MustCompile(`[^a-z0-9]+`)
)

func parseNote(p string, data []byte) (*Lesson, error) {
	text := Sanitize(string(data))
	l := &Lesson{Path: p, User: true}
	if front, body, ok := splitFrontMatter([]byte(text)); ok {
		var meta struct {
			ID      string   `yaml:"id"`
			Title   string   `yaml:"title"`
			Tags    []string `yaml:"tags"`
			Summary string   `yaml:"summary"`
		}
		// Front matter in a learner's note is optional and forgiving:
		// unknown fields are ignored, and bad YAML keeps the file as text.
		if yaml.Unmarshal(front, &meta) == nil {
			l.ID, l.Title, l.Tags, l.Summary = meta.ID, meta.Title, meta.Tags, meta.Summary
			text = string(body)
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("no text")
	}
	l.Body = text
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if l.Title == "" {
		l.Title = base
		for line := range strings.SplitSeq(text, "\n") {
			if m := headingRE.FindStringSubmatch(line); m != nil && len(m[1]) == 1 && m[2] != "" {
				l.Title = m[2]
				break
			}
		}
	}
	if l.ID = slugRE.ReplaceAllString(strings.ToLower(l.ID), "-"); strings.Trim(l.ID, "-") == "" {
		l.ID = slugRE.ReplaceAllString(strings.ToLower(strings.TrimSuffix(p, path.Ext(p))), "-")
	}
	l.ID = "my-" + strings.Trim(l.ID, "-")
	if l.Summary == "" {
		l.Summary = "your note " + p
	}
	l.Summary = strings.Join(strings.Fields(l.Summary), " ")
	l.Items = noteCards(l.Title, text)
	return l, nil
}

// noteCards makes a recall card of each heading that has text below it,
// skipping headings inside fenced code blocks.
func noteCards(title, text string) []Item {
	var (
		items   []Item
		heading string
		body    []string
		fence   string
	)
	flush := func() {
		back := strings.TrimSpace(strings.Join(body, "\n"))
		if heading != "" && back != "" {
			front := heading
			if heading != title {
				front = title + " › " + heading
			}
			items = append(items, Item{Kind: Recall, Front: front, Back: back})
		}
		body = body[:0]
	}
	for line := range strings.SplitSeq(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			fence = trimmed[:3]
		} else if fence != "" && strings.HasPrefix(trimmed, fence) {
			fence = ""
		} else if fence == "" {
			if m := headingRE.FindStringSubmatch(line); m != nil {
				flush()
				heading = m[2]
				continue
			}
		}
		if heading != "" {
			body = append(body, line)
		}
	}
	flush()
	return items
}

// Sanitize makes untrusted text safe to print on a terminal: it removes
// ANSI escape sequences (colours, cursor moves, OSC titles and links) and
// every other control character but newline and tab, turns CRLF into LF,
// and replaces invalid UTF-8 with U+FFFD.
func Sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsRune(s, '\x1b') || strings.ContainsRune(s, '\u009b') || strings.ContainsRune(s, '\u009d') {
		s = ansi.Strip(s)
	}
	var b bytes.Buffer
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case unicode.IsControl(r), r == '\u202e', r == '\u202d', r == '\u2066', r == '\u2067', r == '\u2068', r == '\u2069', r == '\u202a', r == '\u202b', r == '\u202c':
			// control characters and bidirectional overrides are dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Closest returns up to three of ids nearest to want by edit distance, or
// that start with it, nearest first; none when nothing is close.
func Closest(want string, ids []string) []string {
	type cand struct {
		id   string
		dist int
	}
	var cands []cand
	limit := max(2, len(want)/2)
	for _, id := range ids {
		d := editDistance(strings.ToLower(want), strings.ToLower(id))
		if want != "" && (strings.HasPrefix(id, want) || strings.Contains(id, want)) {
			d = min(d, 1)
		}
		if d <= limit {
			cands = append(cands, cand{id, d})
		}
	}
	for i := 1; i < len(cands); i++ {
		for j := i; j > 0 && cands[j].dist < cands[j-1].dist; j-- {
			cands[j], cands[j-1] = cands[j-1], cands[j]
		}
	}
	var out []string
	for i := 0; i < len(cands) && i < 3; i++ {
		out = append(out, cands[i].id)
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
