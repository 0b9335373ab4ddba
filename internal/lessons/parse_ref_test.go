package lessons

// The parser as it was at c6e7a1b, before issue 22 made it fast: a copy
// of parseNoteText and of everything it calls in notes.go, notecards.go,
// notecode.go, notefront.go and lessons.go (front matter), each name
// prefixed with ref, comments left out. It is the oracle the differential
// tests and FuzzParseSame hold the new parser to; it calls none of the new
// code, only what issue 22 leaves as it was (readTOMLTop, the ansi and
// yaml packages); shareBacks, which the parser no longer calls, is
// refShareBacks here. Do not edit it to follow the parser: the point
// is that it stays as it was.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
	"go.yaml.in/yaml/v3"
)

var (
	refSlugRE     = regexp.MustCompile(`[^a-z0-9]+`)
	refWideSlugRE = regexp.MustCompile(`[^\p{L}\p{N}]+`)
)

func refNoteSlug(id, p string) string {
	for _, s := range []string{id, strings.TrimSuffix(p, path.Ext(p))} {
		if slug := strings.Trim(refSlugRE.ReplaceAllString(strings.ToLower(s), "-"), "-"); slug != "" {
			return slug
		}
	}
	for _, s := range []string{id, strings.TrimSuffix(p, path.Ext(p))} {
		if slug := strings.Trim(refWideSlugRE.ReplaceAllString(strings.ToLower(s), "-"), "-"); slug != "" {
			return slug
		}
	}
	sum := sha256.Sum256([]byte(p))
	return "note-" + hex.EncodeToString(sum[:4])
}

func refParseNoteText(p, raw string) (l *Lesson, warn, err error) {
	text := refSanitize(raw)
	l = &Lesson{Path: p, User: true}

	view := unsafe.Slice(unsafe.StringData(text), len(text))
	if front, body, format := refSplitNoteFront(view); format != "" {
		meta, err := refReadNoteMeta(front, format)
		if err != nil {
			warn = fmt.Errorf("its front matter cannot be read (%s): left out, the note is read without it", refSanitizeLine(err.Error()))
		}

		l.ID, l.Title, l.Summary, l.Tags = meta.ID, meta.Title, meta.Summary, meta.Tags
		text = text[len(text)-len(body):]
	}
	if strings.TrimSpace(text) == "" {
		return nil, warn, errors.New("no text")
	}
	l.Body = text
	o := refReadOutline(text)
	if l.Title == "" {
		l.Title = refSanitizeLine(o.title)
	}
	if l.Title == "" {
		l.Title = refSanitizeLine(strings.TrimSuffix(path.Base(p), path.Ext(p)))
	}
	l.ID = "my-" + refNoteSlug(l.ID, p)
	if l.Summary == "" {
		l.Summary = "your note " + refSanitizeLine(p)
	}
	l.Summary = strings.Join(strings.Fields(l.Summary), " ")
	l.Items = refNoteCards(l.Title, o)
	refShareBacks(l.Body, l.Items)
	return l, warn, nil
}

func refSanitize(s string) string {

	var b strings.Builder
	kept := 0
	cut := func(i int) {
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[kept:i])
	}
	for i := 0; i < len(s); {
		if c := s[i]; (c >= 0x20 && c < 0x7f || c == '\n' || c == '\t') && (i+1 == len(s) || s[i+1] < 0x80) {

			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 && s[i] >= 0x80 && s[i] < 0xa0 {

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
			i = refSkipEscape(s, i+size)
			kept = i
			continue
		case r == '\u009b':
			cut(i)
			i = refSkipCSI(s, i+size)
			kept = i
			continue
		case r == '\u009d' || r == '\u0090' || r == '\u009f' || r == '\u009e' || r == '\u0098':
			cut(i)
			i = refSkipString(s, i+size)
			kept = i
			continue
		case unicode.IsControl(r), refIsBidi(r):
			cut(i)
		case refIsEmojiPart(r):
			cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if cluster == "" {
				cluster = s[i : i+size]
			}
			cut(i)
			b.WriteString(refSafeCluster(cluster))
			i += len(cluster)
			kept = i
			continue
		default:
			if j := i + size; j < len(s) {

				if r2, _ := utf8.DecodeRuneInString(s[j:]); refIsEmojiPart(r2) {
					cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
					if len(cluster) > size {
						cut(i)
						b.WriteString(refSafeCluster(cluster))
						i += len(cluster)
						kept = i
						continue
					}
				}
			}
			i += size
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

func refSanitizeLine(s string) string {
	return strings.Join(strings.Fields(refSanitize(s)), " ")
}

func refIsBidi(r rune) bool {
	return r == '\u200e' || r == '\u200f' || r == '\u061c' ||
		(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

func refIsEmojiPart(r rune) bool {
	return r == '\u200d' || r == '\ufe0e' || r == '\ufe0f' || r == '\u20e3' ||
		(r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f) ||
		(r >= 0x1f1e6 && r <= 0x1f1ff)
}

func refSafeCluster(c string) string {
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
	if refIsEmojiPart(first) || unicode.IsControl(first) || refIsBidi(first) {
		return ""
	}
	f := string(first)
	if ansi.StringWidth(f) == ansi.StringWidthWc(f) {
		return f
	}
	return "\uFFFD"
}

func refSkipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return refSkipCSI(s, i+1)
	case ']', 'P', '_', '^', 'X':
		return refSkipString(s, i+1)
	}

	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	return i
}

func refSkipCSI(s string, i int) int {
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

func refSkipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == '\a':
			return i + 1
		case s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == '\x1b':
			return i
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		case s[i] == '\n':
			return i
		}
		i++
	}
	return i
}

const refMaxCardRows = 40

type refSection struct {
	path  []string
	lines []string

	head []string
}

type refOutline struct {
	title    string
	sections []refSection
}

func refReadOutline(text string) refOutline {
	lines := strings.Split(text, "\n")
	var (
		o        refOutline
		fence    string
		levels   []int
		texts    []string
		cur      refSection
		prevComm bool
		chainEnd int
		hasTitle bool
	)
	skip := -1
	for i, line := range lines {
		if i == skip {
			continue
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			cur.lines = append(cur.lines, line)
			prevComm = false
			continue
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			cur.lines = append(cur.lines, line)
			prevComm = false
			continue
		}
		level, htext := refHeadingLine(line)
		htext = refSanitizeLine(htext)
		setext := false
		if level == 0 && i+1 < len(lines) && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			if level = refSetextLevel(line, lines[i+1]); level > 0 {
				htext, setext, skip = refSanitizeLine(line), true, i+1
			}
		}
		if level == 0 {
			cur.lines = append(cur.lines, line)
			prevComm = false
			continue
		}
		if setext && refReadsAsCode(htext) {
			cur.lines = append(cur.lines, line, lines[i+1])
			continue
		}
		if !setext && refIsCommentHeading(lines, i, level, htext, prevComm, &chainEnd) {
			cur.lines = append(cur.lines, `\`+line)
			prevComm = true
			continue
		}
		prevComm = false
		o.sections = append(o.sections, cur)
		for len(levels) > 0 && levels[len(levels)-1] >= level {
			levels, texts = levels[:len(levels)-1], texts[:len(texts)-1]
		}
		levels, texts = append(levels, level), append(texts, htext)
		cur = refSection{path: append([]string(nil), texts...), head: lines[i : i+1]}
		if setext {
			cur.head = lines[i : i+2]
		}
		if level == 1 && !hasTitle && htext != "" {
			o.title, hasTitle = htext, true
		}
	}
	o.sections = append(o.sections, cur)
	return o
}

func refNoteCards(title string, o refOutline) []Item {
	type card struct {
		front, former string
		lines         []string
	}
	var cards []*card
	byFront := map[string]*card{}
	count := map[string]int{}
	leaves := map[string]int{}
	for _, s := range o.sections {
		if len(s.path) > 0 && refHasText(s.lines) {
			leaves[s.path[len(s.path)-1]]++
		}
	}
	for _, s := range o.sections {
		if !refHasText(s.lines) {
			continue
		}
		var path []string
		for _, h := range s.path {
			if h != title {
				path = append(path, h)
			}
		}
		front := strings.Join(append([]string{title}, path...), " › ")
		if len(path) == 0 {
			if c := byFront[front]; c != nil {

				c.lines = append(append(c.lines, ""), refTrimBlank(s.lines)...)
				continue
			}
		}
		count[front]++
		if n := count[front]; n > 1 {
			front = fmt.Sprintf("%s (%d)", front, n)
		}
		c := &card{front: front, lines: refTrimBlank(s.lines)}
		if len(s.path) > 0 {
			leaf := s.path[len(s.path)-1]
			former := title + " › " + leaf
			if leaf == title {
				former = title
			}
			if leaves[leaf] == 1 && former != front {
				c.former = former
			}
		}
		byFront[front] = c
		cards = append(cards, c)
	}
	items := make([]Item, 0, len(cards))
	for _, c := range cards {
		parts := refSplitRows(refFenceCode(c.lines), refMaxCardRows)
		for k, part := range parts {
			it := Item{Kind: Recall, Front: c.front, Back: strings.Join(part, "\n"), Markdown: true}
			if len(parts) > 1 {
				it.Front = fmt.Sprintf("%s (%d/%d)", c.front, k+1, len(parts))

				it.IDText = c.front
				if k > 0 {
					it.IDText = fmt.Sprintf("%s (part %d)", c.front, k+1)
				}
			}
			if k == 0 {
				it.Former = c.former
			}
			items = append(items, it)
		}
	}
	return items
}

func refSetextLevel(line, under string) int {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") || refIsListItem(line) ||
		strings.HasPrefix(t, ">") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<") {
		return 0
	}
	u := strings.TrimRight(under, " \t")
	if len(u)-len(strings.TrimLeft(u, " ")) > 3 {
		return 0
	}
	u = strings.TrimLeft(u, " ")
	switch {
	case u != "" && strings.Trim(u, "=") == "":
		return 1
	case u != "" && strings.Trim(u, "-") == "":
		return 2
	}
	return 0
}

func refHasText(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

func refTrimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func refRows(line string) int {
	w := len(line)
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < 0x20 || c >= 0x7f {
			w = ansi.StringWidth(line)
			break
		}
	}
	return max(1, (w+75)/76)
}

func refSplitRows(lines []string, limit int) [][]string {
	var (
		parts      [][]string
		start      int
		cut        = -1
		used, upTo int
		fence      string
	)
	for i, line := range lines {
		t := strings.TrimSpace(line)
		outside := fence == ""
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case t == "":
			cut, used = i, upTo
		}
		upTo += refRows(line)
		switch {
		case upTo > limit && cut > start:
			parts = append(parts, refTrimBlank(lines[start:cut]))
			start, upTo, cut = cut+1, upTo-used-1, -1
		case upTo > limit && outside && i > start && t != "":

			parts = append(parts, refTrimBlank(lines[start:i]))
			start, upTo, cut = i, refRows(line), -1
		}
	}
	parts = append(parts, refTrimBlank(lines[start:]))
	out := parts[:0]
	for _, p := range parts {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

var (
	refCodeLineRE = regexp.MustCompile(`^\s*(` +
		`(def|class)\s+\w+.*:\s*(#.*)?$` +
		`|(for\s+.+\s+in\s+.+|(if|elif|while|with|except)\b.*|else|try|finally)\s*:\s*(#.*)?$` +
		`|(import\s+[\w.]+|from\s+[\w.]+\s+import\s+\S)` +
		`|return(\s+[^ ]+){0,2}\s*$|return\s.*[\[\](){}+*/%<>=,]` +
		`|(pass|break|continue)\s*(#.*)?$|(raise|yield|assert|print|lambda|nonlocal|global)\b[ (]` +
		`|@[\w.]+(\(.*\))?\s*$` +
		`|[A-Za-z_][\w.]*(\[[^\]]*\])*(\s*,\s*[A-Za-z_][\w.]*(\[[^\]]*\])*)*\s*(\+|-|\*|/|//|%|\*\*|\||&|\^|<<|>>)?=\s*[^=\s]` +
		`|[A-Za-z_][\w.]*\(.*\)\s*;?\s*(#.*)?$` +
		`|>>>\s` +
		`|.*[{;]\s*$|[}\])]+[;,]?\s*$` +
		`)`)

	refCodeTextRE = regexp.MustCompile(`[={};\\]|->|\[\s*[-\d('"].*,|^\w+:\s*[\[({'"]`)
)

func refReadsAsCode(text string) bool {
	switch {
	case strings.ContainsAny(text, "={};\\") || strings.Contains(text, "->"):
		return true
	case strings.Contains(text, "[") && strings.Contains(text, ","):
		return refCodeTextRE.MatchString(text)
	}

	i := 0
	for i < len(text) && (text[i] == '_' || text[i] >= '0' && text[i] <= '9' || text[i]|0x20 >= 'a' && text[i]|0x20 <= 'z') {
		i++
	}
	if i == 0 || i == len(text) || text[i] != ':' {
		return false
	}
	rest := strings.TrimLeft(text[i+1:], "\t\n\f\r ")
	return rest != "" && strings.IndexByte("[({'\"", rest[0]) >= 0
}

var refCodeWords = []string{"import ", "from ", "return", "pass", "break", "continue", "raise", "yield", "assert", "global", "nonlocal", "print", "lambda"}

const refCodeMarks = ":=(){}[];@>"

func refLooksLikeCode(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || refIsListItem(line) && !strings.HasPrefix(t, "*") {
		return false
	}
	if !strings.ContainsAny(t, refCodeMarks) && !slices.ContainsFunc(refCodeWords, func(w string) bool { return strings.HasPrefix(t, w) }) {
		return false
	}
	return refCodeLineRE.MatchString(line)
}

func refIsListItem(line string) bool {
	t := strings.TrimLeft(line, " \t")
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return true
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}

func refHeadingLine(line string) (int, string) {
	if line == "" || line[0] != '#' {
		return 0, ""
	}

	n := len(line) - len(strings.TrimLeft(line, "#"))
	if n <= 6 && n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		return n, strings.TrimRight(strings.TrimLeft(line[n:], " \t"), " \t#")
	}
	if t := strings.TrimRight(line, " \t"); t != "" && len(t) <= 6 && strings.Trim(t, "#") == "" {
		return len(t), ""
	}
	return 0, ""
}

func refIsCommentHeading(lines []string, i, level int, text string, prevComment bool, chainEnd *int) bool {
	if prevComment || refReadsAsCode(text) {
		return true
	}
	if i > 0 && refLooksLikeCode(lines[i-1]) {
		return true
	}
	if level != 1 {
		return false
	}
	if *chainEnd <= i {
		j := i + 1
		for j < len(lines) {
			if l, _ := refHeadingLine(lines[j]); l != 1 {
				break
			}
			j++
		}
		*chainEnd = j
	}
	return *chainEnd < len(lines) && refLooksLikeCode(lines[*chainEnd])
}

func refFenceCode(lines []string) []string {
	out := make([]string, 0, len(lines)+4)
	fence := ""
	inList := false
	itemCol := 0
	for i := 0; i < len(lines); {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			out = append(out, line)
			i++
			continue
		}
		if trimmed != "" && line[0] != ' ' && line[0] != '\t' {
			inList = refIsListItem(line)
			itemCol = refItemColumn(line)
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			out = append(out, line)
			i++
			continue
		}
		if inList && strings.HasPrefix(line, "    ") {

			if end, indent := refIndentedCode(lines, i); end > i && len(indent) < itemCol+4 {
				out = append(out, indent+"```"+refCodeLanguage(lines[i:end]))
				out = append(out, lines[i:end]...)
				out = append(out, indent+"```")
				i = end
				continue
			}
		}
		if !refLooksLikeCode(line) || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			out = append(out, line)
			i++
			continue
		}

		end, code := i, 0
	run:
		for j := i; j < len(lines); j++ {
			l := lines[j]
			t := strings.TrimSpace(l)
			switch {
			case t == "":
			case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
				break run
			case refLooksLikeCode(l):
				code++
				end = j + 1
			case strings.HasPrefix(t, "#") || strings.HasPrefix(t, `\#`) || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"):
				end = j + 1
			default:
				break run
			}
		}
		if code < 2 {
			out = append(out, lines[i:end]...)
			i = end
			continue
		}

		first := len(out)
		for first > 0 && strings.HasPrefix(out[first-1], `\#`) {
			first--
		}
		run := append(append([]string(nil), out[first:]...), lines[i:end]...)
		out = append(out[:first], "```"+refCodeLanguage(run))
		for _, l := range run {

			if strings.HasPrefix(l, `\#`) {
				l = l[1:]
			}
			out = append(out, l)
		}
		out = append(out, "```")
		i = end
	}
	return out
}

func refItemColumn(line string) int {
	n := strings.IndexAny(line, " \t")
	if n < 0 {
		return len(line)
	}
	sp := len(line[n:]) - len(strings.TrimLeft(line[n:], " "))
	if sp > 4 || sp == 0 {
		sp = 1
	}
	return n + sp
}

func refIndentedCode(lines []string, i int) (end int, indent string) {
	code, comment := 0, false
	end = i
	for j := i; j < len(lines); j++ {
		l := lines[j]
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(l, "    ") || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			break
		}
		if refLooksLikeCode(l) {
			code++
			if j > i {
				if level, _ := refHeadingLine(strings.TrimSpace(lines[j-1])); level == 1 {
					comment = true
				}
			}
		}
		end = j + 1
	}
	if code < 2 && !(comment && code == 1) {
		return i, ""
	}
	return end, lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
}

var refPythonRE = regexp.MustCompile(`^\s*(def |class |import |from |elif |print\(|for .* in .*:)|:\s*(#.*)?$`)

func refCodeLanguage(lines []string) string {
	for _, l := range lines {
		if refPythonRE.MatchString(l) {
			return "python"
		}
	}
	return ""
}

func refFenceCodeText(text string) string {
	o := refReadOutline(text)
	out := make([]string, 0, strings.Count(text, "\n")+1)
	for _, s := range o.sections {
		out = append(out, s.head...)
		out = append(out, refFenceCode(s.lines)...)
	}
	return strings.Join(out, "\n")
}

type refNoteMeta struct {
	ID, Title, Summary string
	Tags               []string
}

func refSplitNoteFront(text []byte) (front, body []byte, format string) {
	if front, body, ok := refSplitFrontMatter(text); ok {
		return front, body, "yaml"
	}
	if front, body, ok := refSplitFenced(bytes.TrimPrefix(text, []byte("\ufeff")), "+++"); ok {
		return front, body, "toml"
	}
	return nil, text, ""
}

func refSplitFenced(data []byte, fence string) (front, body []byte, ok bool) {
	rest, found := refCutLine(data, fence)
	if !found {
		return nil, data, false
	}
	for off := 0; off < len(rest); {
		line, next := rest[off:], len(rest)
		if end := bytes.IndexByte(rest[off:], '\n'); end >= 0 {
			line, next = rest[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(line, " \t\r")) == fence {
			return rest[:off], rest[next:], true
		}
		off = next
	}
	return nil, data, false
}

func refReadNoteMeta(front []byte, format string) (refNoteMeta, error) {
	var fields map[string]any
	switch format {
	case "toml":
		var err error
		if fields, err = readTOMLTop(string(front)); err != nil {
			return refNoteMeta{}, err
		}
	default:
		var doc any
		if err := yaml.Unmarshal(front, &doc); err != nil {
			return refNoteMeta{}, err
		}
		switch d := doc.(type) {
		case nil:
			return refNoteMeta{}, nil
		case map[string]any:
			fields = d
		default:
			return refNoteMeta{}, errors.New("not a list of key: value lines")
		}
	}
	var m refNoteMeta
	var problems []string
	text := func(key string) string {
		v, ok := fields[key]
		if !ok || v == nil {
			return ""
		}
		s, ok := refScalarText(v)
		if !ok {
			problems = append(problems, key+" is not text")
		}
		return refSanitizeLine(s)
	}
	m.ID, m.Title = text("id"), text("title")
	if m.Summary = text("summary"); m.Summary == "" {
		m.Summary = text("description")
	}
	seen := map[string]bool{}
	for _, key := range []string{"tags", "tag", "categories", "category"} {
		v, ok := fields[key]
		if !ok || v == nil {
			continue
		}
		words, ok := refWordList(v)
		if !ok {
			problems = append(problems, key+" is not a list of words")
			continue
		}
		for _, w := range words {
			if w = refSanitizeLine(w); w != "" && !seen[w] {
				seen[w] = true
				m.Tags = append(m.Tags, w)
			}
		}
	}
	if len(problems) > 0 {
		return m, errors.New(strings.Join(problems, "; "))
	}
	return m, nil
}

func refScalarText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case time.Time:
		return v.Format(time.RFC3339), true
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

func refWordList(v any) ([]string, bool) {
	if list, ok := v.([]any); ok {
		var out []string
		for _, e := range list {
			s, ok := refScalarText(e)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := refScalarText(v)
	if !ok {
		return nil, false
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }), true
}

func refSplitFrontMatter(data []byte) (front, body []byte, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	rest, found := refCutLine(data, "---")
	if !found {
		return nil, data, false
	}
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		next := len(rest)
		if end >= 0 {
			line, next = rest[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			return rest[:off], rest[next:], true
		}
		off = next
	}
	return nil, data, false
}

func refCutLine(data []byte, want string) ([]byte, bool) {
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(line, " \t\r")) != want {
		return nil, false
	}
	return rest, true
}

func refShareBacks(body string, items []Item) {
	from := 0
	for i := range items {
		if at, ok := backAt(body, items[i].Back, from); ok {
			items[i].Back = body[at : at+len(items[i].Back)]
			from = at + len(items[i].Back)
		}
	}
}
