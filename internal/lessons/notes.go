package lessons

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// MaxNoteSize is the size past which a note file is skipped with a warning.
const MaxNoteSize = 1 << 20

// DefaultNoteExts are the file name extensions LoadNotes reads as notes,
// in any case.
var DefaultNoteExts = []string{"md", "markdown"}

// NoteScan is what ScanNotes found in a notes folder.
type NoteScan struct {
	// Notes are the notes read, in path order.
	Notes []*Lesson
	// Warnings name each file skipped or read in part, and why.
	Warnings []error
	// Other counts the files not read because of their extension, by
	// extension in lower case with its dot ("" for none).
	Other map[string]int
}

// LoadNotes reads the learner's own markdown notes: every *.md and
// *.markdown file below root in fsys (see ScanNotes).
func LoadNotes(fsys fs.FS, root string) ([]*Lesson, []error, error) {
	scan, err := ScanNotes(fsys, root, DefaultNoteExts)
	if err != nil {
		return nil, nil, err
	}
	return scan.Notes, scan.Warnings, nil
}

// ScanNotes reads the learner's own notes: every file below root in fsys
// whose name ends in a dot and one of exts (in any case), with or without
// front matter, in path order; folders whose name starts with a dot are
// skipped. Each file becomes a lesson (User is set, Order follows the
// path), and each section of it with text becomes a recall card (see
// noteCards).
//
// The text is untrusted: escape sequences and control characters are
// removed (see Sanitize). A file that cannot be read, is too large or has
// no text is skipped and named in the warnings, and so is front matter
// that cannot be read (the note is read without it); only a root that
// cannot be read at all is an error.
func ScanNotes(fsys fs.FS, root string, exts []string) (*NoteScan, error) {
	scan, _, _, err := ScanNotesIndexed(fsys, root, exts, nil)
	return scan, err
}

// ScanNotesIndexed is ScanNotes that takes each regular file whose size
// and modification time are those old holds from old, without opening it
// (old may be nil). It returns what it found, the index of the files it
// found (to pass to the next scan), and whether that index differs from
// old (a file read again, a file gone).
func ScanNotesIndexed(fsys fs.FS, root string, exts []string, old *NoteIndex) (*NoteScan, *NoteIndex, bool, error) {
	if _, err := fs.ReadDir(fsys, root); err != nil {
		return nil, nil, false, fmt.Errorf("notes folder: %w", err)
	}
	scan := &NoteScan{Other: map[string]int{}}
	want := map[string]bool{}
	for _, e := range exts {
		want["."+strings.ToLower(strings.TrimPrefix(e, "."))] = true
	}
	// The walk finds the notes, in path order, and hands each as it
	// finds it to workers on every processor, which read its size and
	// time and take it from the index, or read and parse it; then what
	// was found is told in path order.
	type found struct {
		walkErr string // a folder that cannot be read, not a note
		p       string
		d       fs.DirEntry
		keyed   bool
		e       indexEntry
		readErr error
	}
	var reads atomic.Int64
	take := func(n *found) {
		size, mtime, keyed := indexKey(n.d)
		e, ok := old.lookup(n.p, size, mtime) // old is only read
		n.keyed, n.e = keyed, e
		if ok && keyed {
			return
		}
		reads.Add(1)
		n.e = indexEntry{size: size, mtime: mtime}
		data, err := readNote(fsys, n.p)
		if err != nil {
			n.readErr = err
			return
		}
		// data is the note's own buffer, never written again: its text
		// is read in place, not copied.
		l, warn, err := parseNoteText(n.p, unsafe.String(unsafe.SliceData(data), len(data)))
		n.e.l = l
		if warn != nil {
			n.e.warn = warn.Error()
		}
		if err != nil {
			n.e.err, n.e.l = err.Error(), nil
		}
	}
	// The workers start with the second note: a folder of one note is
	// read without them.
	var (
		work  chan *found
		wg    sync.WaitGroup
		first *found
	)
	give := func(n *found) {
		switch {
		case first == nil:
			first = n
			return
		case work == nil:
			work = make(chan *found, 256)
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for n := range work {
						take(n)
					}
				})
			}
			work <- first
		}
		work <- n
	}
	var notes []*found
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			notes = append(notes, &found{walkErr: "notes: " + SanitizeLine(err.Error())})
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
		if !want[ext] {
			scan.Other[SanitizeLine(ext)]++
			return nil
		}
		n := &found{p: p, d: d}
		notes = append(notes, n)
		give(n)
		return nil
	})
	if work != nil {
		close(work)
		wg.Wait() // the workers' writes to notes happen before what follows
	} else if first != nil {
		take(first)
	}
	if err != nil {
		return nil, nil, false, err
	}
	idx := &NoteIndex{entries: map[string]indexEntry{}}
	for _, n := range notes {
		p := SanitizeLine(n.p)
		switch {
		case n.walkErr != "":
			scan.Warnings = append(scan.Warnings, errors.New(n.walkErr))
			continue
		case n.readErr != nil:
			scan.Warnings = append(scan.Warnings, errors.New("notes: "+p+": "+SanitizeLine(n.readErr.Error())))
			continue
		}
		if n.keyed {
			idx.entries[n.p] = n.e
		}
		if n.e.warn != "" {
			scan.Warnings = append(scan.Warnings, errors.New("notes: "+p+": "+n.e.warn))
		}
		if n.e.err != "" {
			scan.Warnings = append(scan.Warnings, errors.New("notes: "+p+": "+n.e.err))
			continue
		}
		n.e.l.Order = len(scan.Notes) + 1
		scan.Notes = append(scan.Notes, n.e.l)
	}
	return scan, idx, reads.Load() > 0 || idx.Len() != old.Len(), nil
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
	// Read into one buffer of the size the file says it is (as
	// os.ReadFile does), growing it if the file has grown.
	r := io.LimitReader(f, MaxNoteSize+1)
	data := make([]byte, 0, fi.Size()+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
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
	slugRE     = regexp.MustCompile(`[^a-z0-9]+`)
	wideSlugRE = regexp.MustCompile(`[^\p{L}\p{N}]+`)
)

// noteSlug is the id of a note without its "my-": the front matter's id,
// or else its path p without the extension, lowercased, every run of
// characters other than a-z and 0-9 one "-". A name with none of those
// (中文笔记.md) keeps its letters and digits of any script instead
// (中文笔记), and a name with none at all is "note-" and 8 hex digits of
// its path's SHA-256.
func noteSlug(id, p string) string {
	for _, s := range []string{id, strings.TrimSuffix(p, path.Ext(p))} {
		if slug, ok := asciiSlug(s); ok {
			if slug != "" {
				return slug
			}
			continue
		}
		if slug := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-"); slug != "" {
			return slug
		}
	}
	for _, s := range []string{id, strings.TrimSuffix(p, path.Ext(p))} {
		if slug := strings.Trim(wideSlugRE.ReplaceAllString(strings.ToLower(s), "-"), "-"); slug != "" {
			return slug
		}
	}
	sum := sha256.Sum256([]byte(p))
	return "note-" + hex.EncodeToString(sum[:4])
}

// asciiSlug is the first slug of noteSlug, by hand, for s of ASCII alone
// (ok), where strings.ToLower changes A-Z only and slugRE's runs are runs
// of bytes: the lower-cased letters and digits of s, each run of other
// bytes between them one "-". Most names are made of nothing else.
func asciiSlug(s string) (slug string, ok bool) {
	var b []byte
	kept := 0 // s[:kept] is its own slug so far
	dash := false
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		default:
			dash = true
			continue
		}
		if b == nil && !dash && kept == i && c == s[i] {
			kept++ // s as it is so far
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)), s[:kept]...)
		}
		if dash && len(b) > 0 {
			b = append(b, '-')
		}
		dash = false
		b = append(b, c)
	}
	if b == nil {
		return s[:kept], true
	}
	return string(b), true
}

// parseNote reads the note at path p. warn says what of it was not read
// (front matter that cannot be read, which is hidden all the same); err
// says why the note is not a lesson at all.
//
// The title is the front matter's title, else the text of the first one-#
// heading that is a heading (readOutline), else the file name without its
// extension.
func parseNote(p string, data []byte) (l *Lesson, warn, err error) {
	return parseNoteText(p, string(data))
}

// parseNoteText is parseNote of the note's text as it is in the file.
func parseNoteText(p, raw string) (l *Lesson, warn, err error) {
	text := Sanitize(raw)
	l = &Lesson{Path: p, User: true}
	// The front matter is split from a view of the text's bytes, which
	// nothing writes; the body is the text after it.
	view := unsafe.Slice(unsafe.StringData(text), len(text))
	if front, body, format := splitNoteFront(view); format != "" {
		meta, err := readNoteMeta(front, format)
		if err != nil {
			warn = fmt.Errorf("its front matter cannot be read (%s): left out, the note is read without it", SanitizeLine(err.Error()))
		}
		// YAML escapes ("\e", "\x9b") make control characters again
		// after the text was cleaned: readNoteMeta cleans every field.
		l.ID, l.Title, l.Summary, l.Tags = meta.ID, meta.Title, meta.Summary, meta.Tags
		text = text[len(text)-len(body):] // body ends the text
	}
	if strings.TrimSpace(text) == "" {
		return nil, warn, errors.New("no text")
	}
	l.Body = text
	// The lines are split once, and a card's back that is a run of them
	// is that piece of the body (joinLines), held once. A back that is
	// not (fenced code, the text before the first heading joined to the
	// title's) is not looked for in the body, as the parser before issue
	// 22 did (refShareBacks in parse_ref_test.go): of the
	// 1,668 such backs of the corpus and of 2,000 generated notes, none
	// is there, and looking cost 6% of the parse.
	sc := scratches.Get().(*scratch)
	sc.lines = splitLines(sc.lines[:0], text)
	o := sc.readOutline()
	if l.Title == "" {
		l.Title = SanitizeLine(o.title)
	}
	if l.Title == "" {
		l.Title = SanitizeLine(strings.TrimSuffix(path.Base(p), path.Ext(p)))
	}
	l.ID = "my-" + noteSlug(l.ID, p)
	if l.Summary == "" {
		l.Summary = "your note " + SanitizeLine(p)
	}
	l.Summary = joinFields(l.Summary)
	l.Items = noteCards(l.Title, text, o)
	sc.put(o)
	return l, warn, nil
}

// splitLines appends to dst the lines of text as strings.Split(text, "\n")
// cuts them, pieces of text.
func splitLines(dst []string, text string) []string {
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return append(dst, text)
		}
		dst, text = append(dst, text[:i]), text[i+1:]
	}
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
	// One pass that copies the runs of text kept as they are whole: most
	// of a note is such a run, and text with nothing to remove is
	// returned as it is, without a copy.
	var b strings.Builder
	kept := 0 // s[kept:i] is kept as it is, not yet written
	cut := func(i int) {
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[kept:i])
	}
	for i := 0; i < len(s); {
		// Eight bytes of printable ASCII, newlines and tabs at a time,
		// the last of them not the base of a cluster: kept.
		for i+8 <= len(s) && plain8(load8(s[i:])) && (i+8 == len(s) || s[i+8] < 0x80) {
			i += 8
		}
		if i == len(s) {
			break
		}
		if c := s[i]; (c >= 0x20 && c < 0x7f || c == '\n' || c == '\t') && (i+1 == len(s) || s[i+1] < 0x80) {
			// Printable ASCII, a newline or a tab, not the base of a
			// cluster: kept.
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 && s[i] >= 0x80 && s[i] < 0xa0 {
			// A C1 control as a raw byte, which a terminal in 8-bit
			// mode reads as one: treat it as the character.
			r = rune(s[i])
		}
		switch {
		case r == utf8.RuneError && size == 1:
			cut(i)
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			i += size
			continue
		case r == '\r':
			cut(i)
			if i+size >= len(s) || s[i+size] != '\n' {
				b.WriteByte('\n')
			}
		case r == '\x1b':
			cut(i)
			i = skipEscape(s, i+size)
			kept = i
			continue
		case r == '\u009b':
			cut(i)
			i = skipCSI(s, i+size)
			kept = i
			continue
		case r == '\u009d' || r == '\u0090' || r == '\u009f' || r == '\u009e' || r == '\u0098':
			cut(i)
			i = skipString(s, i+size)
			kept = i
			continue
		case unicode.IsControl(r), isBidi(r):
			cut(i) // dropped
		case isEmojiPart(r):
			cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if cluster == "" {
				cluster = s[i : i+size]
			}
			cut(i)
			b.WriteString(safeCluster(cluster))
			i += len(cluster)
			kept = i
			continue
		default:
			if j := i + size; j < len(s) {
				// A base character followed by an emoji modifier, joiner
				// or selector: treat the whole cluster.
				if r2, _ := utf8.DecodeRuneInString(s[j:]); isEmojiPart(r2) {
					cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
					if len(cluster) > size {
						cut(i)
						b.WriteString(safeCluster(cluster))
						i += len(cluster)
						kept = i
						continue
					}
				}
			}
			i += size // kept
			continue
		}
		i += size
		kept = i
	}
	if kept == 0 && b.Cap() == 0 {
		return s
	}
	cut(len(s))
	return b.String()
}

// plain8 reports whether the eight bytes of x are each printable ASCII
// (0x20 to 0x7e), a newline or a tab: the bytes Sanitize keeps as they
// are. Each test is made on the seven low bits of every byte at once,
// where adding at most 0x7f carries into the byte's high bit and never
// past it, so each byte's high bit tells of that byte alone:
//
//	low:  (b&0x7f) + 0x60 carries when b&0x7f >= 0x20; b < 0x20 when
//	      neither it nor b itself has the high bit;
//	high: (b&0x7f) + 0x01 carries when b&0x7f is 0x7f; b > 0x7e when it
//	      or b itself has the high bit;
//	zero: (b&0x7f) + 0x7f carries when b&0x7f is not 0; b is 0 when
//	      neither it nor b itself has the high bit (b^'\n', b^'\t').
func plain8(x uint64) bool {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	low := ^((x&lows + 0x60*ones) | x) & highs
	high := (x&lows + ones | x) & highs
	nl, tab := x^'\n'*ones, x^'\t'*ones
	zero := ^((nl&lows+lows)|nl)&highs | ^((tab&lows+lows)|tab)&highs
	return low&^zero|high == 0
}

// load8 is the first eight bytes of s, the first the lowest.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// SanitizeLine is Sanitize for text shown on one line (a title, a tag, a
// file name, a message): newlines, tabs and runs of spaces become one space,
// and the ends are trimmed.
func SanitizeLine(s string) string {
	return joinFields(Sanitize(s))
}

// joinFields is strings.Join(strings.Fields(s), " "): the words of s
// separated by one space. Text that is that already, as most titles and
// headings are, is returned as it is: it starts and ends with a word, and
// holds no space (unicode.IsSpace) but single ' ' between words.
func joinFields(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && (i == 0 || i+1 == len(s) || s[i+1] == ' ') || c != ' ' && asciiSpace(c) {
				return strings.Join(strings.Fields(s), " ")
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		i += size
	}
	return s
}

// asciiSpace reports the ASCII bytes unicode.IsSpace reports.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
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
