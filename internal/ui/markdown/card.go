package markdown

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// Card renders the front or the back of a quiz card to fit width columns,
// as Render renders a note (the same glamour styles, limits and cleaning),
// with what a card of a learner's own notes needs besides:
//
//   - a line break between two lines of Chinese, Japanese or Korean text in
//     a paragraph is kept, as CJK markdown renderers keep it (notes written
//     one line per thought stay so), where other lines of a paragraph are
//     joined with a space (so are a block quote's); in a list item, CJK
//     lines are joined without one;
//   - a line that holds CJK text is wrapped at character boundaries
//     (glamour wraps only at spaces, so a mixed line broke early, before a
//     whole run of CJK), and CJK closing punctuation never starts a line;
//   - <br> breaks a line of a paragraph, and in a table row, where glamour
//     drops it and glues the two texts, it becomes " · ".
//
// Like Render, Card is pure CPU work; a card is short, so the quiz screen
// calls it when a card is shown or the screen is resized.
func Card(md string, width int, style string) (out string, err error) {
	width = max(width, 1)
	if why := Complexity(md); why != "" {
		return Plain(md, why, width), nil
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("markdown: the renderer failed on this card: %v", r)
		}
	}()
	r, err := glamour.NewTermRenderer(
		styleOption(style),
		glamour.WithWordWrap(max(width-2, 8)),
		glamour.WithTableWrap(true),
		glamour.WithPreservedNewLines(),
	)
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	md = strings.ReplaceAll(md, "\t", "    ")
	// glamour's paragraphs hold width-6 columns: 2 of margin on each side of
	// a wrap width 2 short of the width.
	md = CutCodeLines(CardLines(md, max(width-6, 4)), max(width-8, 4))
	out, err = glamourRender(r, md)
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	out = onlySGR(out)
	lines := strings.Split(strings.Trim(out, "\n"), "\n")
	for i, line := range lines {
		line = trimRightSpace(line)
		if ansi.StringWidth(line) > width {
			line = ansi.Truncate(line, width, "…") // a cut says so
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n"), nil
}

var (
	brRE         = regexp.MustCompile(`(?i)<br\s*/?>`)
	cardBlockRE  = regexp.MustCompile("^(#{1,6}([ \t]|$)|>|\\||```|~~~|[-*_]{3,}[ \t]*$|=+[ \t]*$|<|    |\t)")
	hardBreakEnd = regexp.MustCompile(`(  |\\)$`)
)

// CardLines prepares markdown for glamour's preserved line breaks: it
// joins the lines of each paragraph, list item and block quote with a
// space, except where the text on either side of the break is CJK or the
// break is hard (two spaces, a backslash or <br> at the end of the line),
// and wraps each
// line of a paragraph or a list item that holds CJK text to width columns
// (see WrapCJK; an item with its marker, less its indentation). In a
// table row, <br> becomes " · ". Fenced code is left alone. It reads each
// line once.
func CardLines(md string, width int) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	// A paragraph or list item is gathered in pieces, joined when it
	// ends, so that a long one is not copied at every line.
	var pieces []string
	open, para := false, false
	closePara := func() {
		if open {
			text := strings.Join(pieces, "")
			switch {
			case !hasCJK(text):
			case para:
				text = WrapCJK(text, width)
			default:
				// A list item, marker and all: glamour starts a line
				// after a break in an item at the item's marker, as it
				// does when it wraps one.
				indent := len(text) - len(strings.TrimLeft(text, " "))
				text = WrapCJK(text, width-indent)
			}
			out = append(out, text)
		}
		pieces, open, para = pieces[:0], false, false
	}
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			out = append(out, line)
			continue
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			closePara()
			fence = trimmed[:3]
			out = append(out, line)
			continue
		case trimmed == "":
			closePara()
			out = append(out, line)
			continue
		case strings.HasPrefix(trimmed, "|"):
			closePara()
			out = append(out, brRE.ReplaceAllString(line, " · "))
			continue
		case strings.HasPrefix(trimmed, ">") && !open:
			// A quote's lines join as a paragraph's do (glamour keeps
			// every break of a quote as written here).
			if prev := len(out) - 1; prev >= 0 && joinsQuote(out[prev], line) {
				_, text := quoteMarker(line)
				out[prev] = strings.TrimRight(out[prev], " ") + " " + text
				continue
			}
			out = append(out, line)
			continue
		case listItemRE.MatchString(trimmed):
			closePara()
			pieces, open = append(pieces, line), true
			continue
		case !open && cardBlockRE.MatchString(line):
			out = append(out, line)
			continue
		}
		text := brRE.ReplaceAllString(line, "\n")
		if !open {
			pieces, open, para = append(pieces, text), true, true
			continue
		}
		if cardBlockRE.MatchString(trimmed) {
			closePara()
			out = append(out, line)
			continue
		}
		last := &pieces[len(pieces)-1]
		next := strings.TrimLeft(text, " ")
		switch {
		case hardBreakEnd.MatchString(*last), strings.HasSuffix(*last, "\n"):
			*last = strings.TrimRight(strings.TrimSuffix(*last, `\`), " \n")
			pieces = append(pieces, "\n", next)
		case cjkEdge(*last, text) && !para:
			// glamour does not indent the line after a break in a list
			// item: join CJK text as it is written, without a space.
			*last = strings.TrimRight(*last, " ")
			pieces = append(pieces, next)
		case cjkEdge(*last, text):
			*last = strings.TrimRight(*last, " ")
			pieces = append(pieces, "\n", next)
		default:
			*last = strings.TrimRight(*last, " ")
			pieces = append(pieces, " ", next)
		}
	}
	closePara()
	return strings.Join(out, "\n")
}

// isCJK reports the characters of Chinese, Japanese and Korean text, their
// punctuation and full-width forms: the text between which a line break is
// kept and a line may break.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

func hasCJK(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// quoteMarker splits a line of a block quote into its markers (the
// spaces and > before the text) and its text.
func quoteMarker(line string) (marker, text string) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '>') {
		i++
	}
	return line[:i], line[i:]
}

// joinsQuote reports whether the quote line next goes on the quote line
// prev, as the next line of a paragraph: same markers, text on both, no
// block started, no hard break, no CJK on either side of the break.
func joinsQuote(prev, next string) bool {
	pm, pt := quoteMarker(prev)
	nm, nt := quoteMarker(next)
	if !strings.Contains(pm, ">") || strings.Count(pm, ">") != strings.Count(nm, ">") || strings.TrimSpace(pt) == "" || strings.TrimSpace(nt) == "" {
		return false
	}
	return !cardBlockRE.MatchString(nt) && !listItemRE.MatchString(nt) && !brRE.MatchString(pt) &&
		!hardBreakEnd.MatchString(pt) && !cjkEdge(pt, nt)
}

// readsAsCard reports whether md has a line written in CJK (see cjkLine)
// or a <br> outside fenced code: the notes Render shows as Card does.
// None of the built-in lessons has either.
func readsAsCard(md string) bool {
	cjk, br := hasCJK(md), strings.Contains(md, "<") && brRE.MatchString(md)
	if !cjk && !br {
		return false
	}
	fence := ""
	for line := range strings.SplitSeq(md, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		case br && brRE.MatchString(line):
			return true
		case cjk && !strings.HasPrefix(trimmed, "|") && cjkLine(line):
			return true
		}
	}
	return false
}

// cjkLine reports whether line is written in CJK: at least half of the
// columns of its text outside code spans (`...`), spaces aside, are CJK
// characters. A line of English that quotes a Chinese word is not.
func cjkLine(line string) bool {
	cjk, other := 0, 0
	code := false
	for _, r := range line {
		switch {
		case r == '`':
			code = !code
		case code, r == ' ', r == '\t':
		case isCJK(r):
			cjk += 2
		default:
			other++
		}
	}
	return cjk > 0 && cjk >= other
}

// cjkEdge reports whether the break between the lines a and b has CJK
// text on either side.
func cjkEdge(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(a, " "))
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(b, " "))
	return isCJK(last) || isCJK(first)
}

// noLineStart is the CJK punctuation that must not begin a line.
const noLineStart = "，。、；：？！）」』】〕》〉”’・ー…—～,.;:?!)]}"

// blockStartUnitRE matches a word that starts a block when it starts a
// line of a paragraph: a list marker, a heading's #s, a quote, a table
// row, a rule or a setext underline, a code fence.
var blockStartUnitRE = regexp.MustCompile("^(#{1,6}|[-*+=]|[0-9]{1,9}[.)]|[-*_=]{2,}|```.*|~~~.*|[>|].*)$")

// startsBlock reports whether word starts a block at the start of a line
// (blockStartUnitRE); most words start with none of its characters.
func startsBlock(word string) bool {
	return word != "" && strings.ContainsRune("-*+>|#=0123456789`~_", rune(word[0])) && blockStartUnitRE.MatchString(word)
}

// breaksAnywhere reports the CJK characters a line may break before or
// after, with no space there: those of Chinese and Japanese, their
// punctuation and full-width forms. Hangul is not among them. Unicode's
// line breaking (UAX #14) allows a break between two Hangul syllables
// (classes H2 and H3), but Korean is written with spaces between words
// and conventionally wrapped at them, as CSS's word-break: keep-all and
// most word processors do; WrapCJK follows that, so a Korean word stays
// whole and wraps like a Latin one.
func breaksAnywhere(r rune) bool {
	return isCJK(r) && !unicode.Is(unicode.Hangul, r)
}

// WrapCJK wraps s, each of its lines, to width columns: at spaces, and
// between any two Chinese or Japanese characters, as that text is written
// without spaces (see breaksAnywhere; Korean wraps at spaces alone).
// A CJK closing punctuation mark never starts a line: the character before
// it goes down with it; nor does a word that would start a block there
// (a list's "1." or "-", a heading's #, a quote's >). A word wider than
// width stays whole (glamour cuts it). It takes time in proportion to s.
func WrapCJK(s string, width int) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		out = append(out, wrapCJKLine(line, max(width, 2)))
	}
	return strings.Join(out, "\n")
}

func wrapCJKLine(line string, width int) string {
	// Units: a Chinese or Japanese character alone, or a run of other
	// characters but spaces (Korean words among them); space before a
	// unit is where the line may break.
	type unit struct {
		text  string
		space bool // a space before it
		cjk   bool
	}
	var units []unit
	space := false
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == ' ':
			space = true
			i += size
		case breaksAnywhere(r):
			units = append(units, unit{line[i : i+size], space, true})
			space = false
			i += size
		default:
			j := i
			for j < len(line) {
				r2, s2 := utf8.DecodeRuneInString(line[j:])
				if r2 == ' ' || breaksAnywhere(r2) {
					break
				}
				j += s2
			}
			units = append(units, unit{line[i:j], space, false})
			space = false
			i = j
		}
	}
	var (
		b    strings.Builder
		cur  []unit // the units of the current line
		used int
	)
	lineWidth := func(us []unit) int {
		w := 0
		for k, u := range us {
			if k > 0 && u.space {
				w++
			}
			w += ansi.StringWidth(u.text)
		}
		return w
	}
	emit := func(us []unit) {
		for k, u := range us {
			if k > 0 && u.space {
				b.WriteByte(' ')
			}
			b.WriteString(u.text)
		}
	}
	for _, u := range units {
		w := ansi.StringWidth(u.text)
		gap := 0
		if len(cur) > 0 && u.space {
			gap = 1
		}
		// Between two units with no space, only a CJK character on either
		// side is a place to break.
		breakable := u.space || u.cjk || (len(cur) > 0 && cur[len(cur)-1].cjk)
		if len(cur) > 0 && used+gap+w > width && breakable && (len(cur) > 1 || !startsBlock(u.text)) {
			carry := 0
			if (strings.Contains(noLineStart, u.text) || startsBlock(u.text)) && len(cur) > 1 {
				// The character before the mark goes down too; and so does
				// the unit before a line's "1." or "-", which would start
				// a list (a heading, a quote...) if it began the line.
				carry = 1
			}
			emit(cur[:len(cur)-carry])
			b.WriteByte('\n')
			cur = append([]unit(nil), cur[len(cur)-carry:]...)
			if len(cur) > 0 {
				cur[0].space = false
			}
			u.space = false
			cur = append(cur, u)
			used = lineWidth(cur)
			continue
		}
		cur = append(cur, u)
		used += gap + w
	}
	emit(cur)
	return b.String()
}
