package lessons

import (
	"errors"
	"fmt"
	"io"
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
			warnings = append(warnings, errors.New("notes: "+SanitizeLine(err.Error())))
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
		data, err := readNote(fsys, p)
		if err != nil {
			warnings = append(warnings, fmt.Errorf("notes: %s: %s", SanitizeLine(p), SanitizeLine(err.Error())))
			return nil
		}
		l, err := parseNote(p, data)
		if err != nil {
			warnings = append(warnings, fmt.Errorf("notes: %s: %w", SanitizeLine(p), err))
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

// readNote reads the note p of fsys: a regular file (a link is followed)
// of at most MaxNoteSize bytes. Anything else (a named pipe, a device, a
// socket) is refused without being read, and the read stops after
// MaxNoteSize bytes whatever the file's size claims to be.
func readNote(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): skipped", kindOf(fi.Mode()))
	}
	if fi.Size() > MaxNoteSize {
		return nil, fmt.Errorf("%d bytes, over the %d-byte limit: skipped", fi.Size(), MaxNoteSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxNoteSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxNoteSize {
		return nil, fmt.Errorf("more than %d bytes, over the limit: skipped", MaxNoteSize)
	}
	return data, nil
}

// kindOf names the kind of file a mode is.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a link"
	}
	return "mode " + m.String()
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
			// YAML escapes ("\e", "\x9b") make control characters
			// again after the text was cleaned: clean every field.
			l.ID, l.Title, l.Summary = SanitizeLine(meta.ID), SanitizeLine(meta.Title), SanitizeLine(meta.Summary)
			for _, tag := range meta.Tags {
				if tag = SanitizeLine(tag); tag != "" {
					l.Tags = append(l.Tags, tag)
				}
			}
			text = string(body)
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("no text")
	}
	l.Body = text
	base := SanitizeLine(strings.TrimSuffix(path.Base(p), path.Ext(p)))
	if l.Title == "" {
		l.Title = base
		for line := range strings.SplitSeq(text, "\n") {
			if m := headingRE.FindStringSubmatch(line); m != nil && len(m[1]) == 1 && m[2] != "" {
				l.Title = SanitizeLine(m[2])
				break
			}
		}
	}
	if l.ID = slugRE.ReplaceAllString(strings.ToLower(l.ID), "-"); strings.Trim(l.ID, "-") == "" {
		l.ID = slugRE.ReplaceAllString(strings.ToLower(strings.TrimSuffix(p, path.Ext(p))), "-")
	}
	l.ID = "my-" + strings.Trim(l.ID, "-")
	if l.Summary == "" {
		l.Summary = "your note " + SanitizeLine(p)
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

// Sanitize makes untrusted text safe to print on a terminal. It keeps
// newlines and tabs and removes everything a terminal would act on:
//
//   - invalid UTF-8 becomes U+FFFD;
//   - escape sequences are removed whole, parameters and payload included,
//     whether they start with ESC (CSI, OSC, DCS, APC, PM, SOS, and
//     two-character ESC sequences) or with a one-character C1 introducer
//     (U+009B CSI, U+009D OSC, U+0090 DCS, U+009F APC, U+009E PM, U+0098
//     SOS); a string sequence ends at ST (ESC \ or U+009C), BEL or, when it
//     is never ended, at the end of its line;
//   - CRLF and a lone CR become LF;
//   - every other C0 and C1 control character and DEL is dropped;
//   - the bidirectional marks, embeddings, overrides and isolates (U+200E,
//     U+200F, U+061C, U+202A to U+202E, U+2066 to U+2069) are dropped;
//   - an emoji cluster whose width terminals disagree on (a sequence joined
//     with U+200D, a skin tone, a variation selector, a keycap, a tag
//     sequence) is cut to its first character, and a flag (two regional
//     indicators) becomes its two ASCII letters, so that every cluster is as
//     wide counted by grapheme (as the app counts) as counted by code point
//     (as tmux 3.3a and wcwidth count).
func Sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 && s[i] >= 0x80 && s[i] < 0xa0 {
			// A C1 control as a raw byte, which a terminal in 8-bit
			// mode reads as one: treat it as the character.
			r = rune(s[i])
		}
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			if i+size >= len(s) || s[i+size] != '\n' {
				b.WriteByte('\n')
			}
		case r == '\x1b':
			i = skipEscape(s, i+size)
			continue
		case r == '\u009b':
			i = skipCSI(s, i+size)
			continue
		case r == '\u009d' || r == '\u0090' || r == '\u009f' || r == '\u009e' || r == '\u0098':
			i = skipString(s, i+size)
			continue
		case unicode.IsControl(r), isBidi(r):
			// dropped
		case isEmojiPart(r):
			cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if cluster == "" {
				cluster = s[i : i+size]
			}
			b.WriteString(safeCluster(cluster))
			i += len(cluster)
			continue
		default:
			if j := i + size; j < len(s) {
				// A base character followed by an emoji modifier, joiner
				// or selector: treat the whole cluster.
				if r2, _ := utf8.DecodeRuneInString(s[j:]); isEmojiPart(r2) {
					cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
					if len(cluster) > size {
						b.WriteString(safeCluster(cluster))
						i += len(cluster)
						continue
					}
				}
			}
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// SanitizeLine is Sanitize for text shown on one line (a title, a tag, a
// file name, a message): newlines, tabs and runs of spaces become one space,
// and the ends are trimmed.
func SanitizeLine(s string) string {
	return strings.Join(strings.Fields(Sanitize(s)), " ")
}

// isBidi reports the characters that change the direction of the text
// around them.
func isBidi(r rune) bool {
	return r == '\u200e' || r == '\u200f' || r == '\u061c' ||
		(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// isEmojiPart reports the characters that make an emoji cluster whose
// width terminals disagree on: the zero-width joiner, the variation
// selectors, the skin tones, the keycap, the tag characters and the
// regional indicators.
func isEmojiPart(r rune) bool {
	return r == '\u200d' || r == '\ufe0e' || r == '\ufe0f' || r == '\u20e3' ||
		(r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f) ||
		(r >= 0x1f1e6 && r <= 0x1f1ff)
}

// safeCluster replaces an emoji cluster by text as wide counted by grapheme
// as by code point: a flag by its letters, anything else by its first
// character when that holds, else by U+FFFD.
func safeCluster(c string) string {
	var letters []byte
	for _, r := range c {
		if r >= 0x1f1e6 && r <= 0x1f1ff {
			letters = append(letters, byte('A'+r-0x1f1e6))
		}
	}
	if len(letters) > 0 {
		return string(letters)
	}
	first, _ := utf8.DecodeRuneInString(c)
	if isEmojiPart(first) || unicode.IsControl(first) || isBidi(first) {
		return ""
	}
	f := string(first)
	if ansi.StringWidth(f) == ansi.StringWidthWc(f) {
		return f
	}
	return "\uFFFD"
}

// skipEscape skips the rest of a sequence begun by ESC at s[i-1] and
// returns the index after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', '_', '^', 'X':
		return skipString(s, i+1)
	}
	// ESC, intermediates 0x20-0x2f, a final 0x30-0x7e (ESC 7, ESC ( B).
	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	return i // a lone ESC: only it goes
}

// skipCSI skips the parameters, intermediates and final byte of a control
// sequence whose introducer ended at s[i-1].
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips the payload of an OSC, DCS, APC, PM or SOS string whose
// introducer ended at s[i-1], through its terminator: ST (ESC \ or U+009C)
// or BEL. An unended string ends at the end of its line, which stays.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == '\a':
			return i + 1
		case s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == '\x1b':
			return i // another sequence begins: let it be skipped whole
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		case s[i] == '\n':
			return i
		}
		i++
	}
	return i
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
