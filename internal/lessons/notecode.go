package lessons

import (
	"regexp"
	"strings"
)

// Notes copied from blogs and editors often hold code that is not fenced:
// a Python script pasted as it was, whose "# comment" lines are headings
// to a markdown reader. These are the rules that tell such lines apart,
// for the titles and fronts of cards (see isCommentHeading) and for
// fencing the code in a card's back (see fenceCode).

var (
	// codeLineRE matches a line that reads as a statement of Python, or of
	// a language with braces, rather than as prose.
	codeLineRE = regexp.MustCompile(`^\s*(` +
		`(def|class)\s+\w+.*:\s*(#.*)?$` + // def f(x):
		`|(for\s+.+\s+in\s+.+|(if|elif|while|with|except)\b.*|else|try|finally)\s*:\s*(#.*)?$` + // for i in x:
		`|(import\s+[\w.]+|from\s+[\w.]+\s+import\s+\S)` + // import x
		`|return(\s+[^ ]+){0,2}\s*$|return\s.*[\[\](){}+*/%<>=,]` + // return x
		`|(pass|break|continue)\s*(#.*)?$|(raise|yield|assert|print|lambda|nonlocal|global)\b[ (]` +
		`|@[\w.]+(\(.*\))?\s*$` + // @decorator
		`|[A-Za-z_][\w.]*(\[[^\]]*\])*(\s*,\s*[A-Za-z_][\w.]*(\[[^\]]*\])*)*\s*(\+|-|\*|/|//|%|\*\*|\||&|\^|<<|>>)?=\s*[^=\s]` + // x, y = ...
		`|[A-Za-z_][\w.]*\(.*\)\s*;?\s*(#.*)?$` + // f(x)
		`|>>>\s` + // a REPL prompt
		`|.*[{;]\s*$|[}\])]+[;,]?\s*$` + // C, Java, Go
		`)`)
	// codeTextRE matches heading text that reads as code: an assignment,
	// braces, a semicolon, a backslash, an arrow, a list of numbers, or a
	// name and a colon before a literal ("output: [", "input: (").
	codeTextRE = regexp.MustCompile(`[={};\\]|->|\[\s*[-\d('"].*,|^\w+:\s*[\[({'"]`)
)

// readsAsCode reports whether heading text reads as code (codeTextRE).
// Text with none of the characters every match holds is not code, without
// the expression.
func readsAsCode(text string) bool {
	switch {
	case strings.ContainsAny(text, "={};\\") || strings.Contains(text, "->"):
		return true
	case strings.Contains(text, "[") && strings.Contains(text, ","):
		return codeTextRE.MatchString(text)
	}
	// ^\w+:\s*[\[({'"], the one other form, by hand.
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

// codeWords are the words a line of code may start with and hold none of
// codeMarks: the lines codeLineRE can match without them.
var codeWords = []string{"import ", "from ", "return", "pass", "break", "continue", "raise", "yield", "assert", "global", "nonlocal", "print", "lambda"}

// codeMarks are the characters all other lines codeLineRE matches hold.
const codeMarks = ":=(){}[];@>"

// looksLikeCode reports whether line reads as a line of code. Most prose
// is told apart without the regular expression: it holds none of
// codeMarks and starts with none of codeWords; most of the rest, and the
// common shapes of code, are told by the pre-checks of codeLineFast.
func looksLikeCode(line string) bool {
	return looksLikeCodeTrimmed(line, strings.TrimSpace(line))
}

// looksLikeCodeTrimmed is looksLikeCode(line) for t the line without its
// spaces at both ends (strings.TrimSpace).
func looksLikeCodeTrimmed(line, t string) bool {
	if t == "" || !hasCodeMark(t) && !hasCodeWord(t) {
		return false
	}
	if isListItem(line) && !strings.HasPrefix(t, "*") {
		return false
	}
	if v := codeLineFast(line); v != codeLineMaybe {
		return v == codeLineYes
	}
	return codeLineRE.MatchString(line)
}

// codeMarkSet holds the bytes of codeMarks.
var codeMarkSet = func() (set [256]bool) {
	for i := range len(codeMarks) {
		set[codeMarks[i]] = true
	}
	return set
}()

// hasCodeMark reports whether t holds one of codeMarks.
func hasCodeMark(t string) bool {
	for i := range len(t) {
		if codeMarkSet[t[i]] {
			return true
		}
	}
	return false
}

// hasCodeWord reports whether t starts with one of codeWords.
func hasCodeWord(t string) bool {
	if t == "" {
		return false
	}
	// codeWords by their first letter.
	switch t[0] {
	case 'i':
		return strings.HasPrefix(t, "import ")
	case 'f':
		return strings.HasPrefix(t, "from ")
	case 'r':
		return strings.HasPrefix(t, "return") || strings.HasPrefix(t, "raise")
	case 'p':
		return strings.HasPrefix(t, "pass") || strings.HasPrefix(t, "print")
	case 'b':
		return strings.HasPrefix(t, "break")
	case 'c':
		return strings.HasPrefix(t, "continue")
	case 'y':
		return strings.HasPrefix(t, "yield")
	case 'a':
		return strings.HasPrefix(t, "assert")
	case 'g':
		return strings.HasPrefix(t, "global")
	case 'n':
		return strings.HasPrefix(t, "nonlocal")
	case 'l':
		return strings.HasPrefix(t, "lambda")
	}
	return false
}

// isListItem reports whether line starts a markdown list item.
func isListItem(line string) bool {
	k := 0
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	t := line[k:]
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return true
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}

// headingLine reads an ATX heading: one to six # at the start of the line,
// then a space or a tab (or nothing), the text, and optional closing #s.
// It returns the level and the text, or 0.
func headingLine(line string) (int, string) {
	if line == "" || line[0] != '#' {
		return 0, "" // most lines: not a heading, without the expression
	}
	// The marks, a space or a tab, the text, and the closing #s and
	// spaces, which are not text: what ^(#{1,6})[ \t]+(.*?)[ \t#]*$ reads.
	n := len(line) - len(strings.TrimLeft(line, "#"))
	if n <= 6 && n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		return n, strings.TrimRight(strings.TrimLeft(line[n:], " \t"), " \t#")
	}
	if t := strings.TrimRight(line, " \t"); t != "" && len(t) <= 6 && strings.Trim(t, "#") == "" {
		return len(t), "" // "##" alone: an empty heading
	}
	return 0, ""
}

// isCommentHeading reports whether the heading at lines[i] (of level and
// text) is a comment in unfenced code rather than a heading. It is when:
//
//   - its text reads as code (codeTextRE: "output: [(2, -1), ...]",
//     "x = 1", "f(x)");
//   - the line directly above it reads as code, or is such a comment;
//   - it is a one-# line, and the first line below it and the one-# lines
//     directly under it reads as code.
//
// A blank line between a heading and the code keeps it a heading.
// chainEnd is the caller's memory of where the run of heading lines that
// holds lines[i] ends, so that a file of a million headings is read once.
func isCommentHeading(lines []string, i, level int, text string, prevComment bool, chainEnd *int) bool {
	if prevComment || readsAsCode(text) {
		return true
	}
	if i > 0 && looksLikeCode(lines[i-1]) {
		return true
	}
	if level != 1 {
		return false
	}
	if *chainEnd <= i {
		j := i + 1
		for j < len(lines) {
			if l, _ := headingLine(lines[j]); l != 1 {
				break
			}
			j++
		}
		*chainEnd = j
	}
	return *chainEnd < len(lines) && looksLikeCode(lines[*chainEnd])
}

// fenceCode puts ``` fences around each run of unfenced code in a card's
// back (lines is the back, a line an entry), so that it renders as code
// and not as a paragraph: a run starts at a line that reads as code and
// not as prose (looksLikeCode), goes on over the lines that read as code,
// are indented, or are comments, and over blank lines between such lines,
// and needs two lines that read as code. Lines already fenced, list items
// and quotes are left alone. It reads each line a bounded number of times,
// and returns lines themselves when it fences nothing.
func fenceCode(lines []string) []string {
	// out is nil while every line so far is kept as it is: it is then
	// lines[:i], and lines themselves are the answer when nothing is
	// fenced. own makes it a copy, to change.
	var out []string
	own := func(i int) {
		if out == nil {
			out = append(make([]string, 0, len(lines)+4), lines[:i]...)
		}
	}
	fence := ""
	inList := false // the last line at the margin was a list item's
	itemCol := 0    // the column of that item's text, when inList
	for i := 0; i < len(lines); {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			if out != nil {
				out = append(out, line)
			}
			i++
			continue
		}
		if trimmed != "" && line[0] != ' ' && line[0] != '\t' {
			if inList = isListItem(line); inList {
				itemCol = itemColumn(line)
			}
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			if out != nil {
				out = append(out, line)
			}
			i++
			continue
		}
		if inList && strings.HasPrefix(line, "    ") {
			// Indented four past the item's text, the lines are an
			// indented code block of the item already.
			if end, indent := indentedCode(lines, i); end > i && len(indent) < itemCol+4 {
				own(i)
				out = append(out, indent+"```"+codeLanguage(lines[i:end]))
				out = append(out, lines[i:end]...)
				out = append(out, indent+"```")
				i = end
				continue
			}
		}
		if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") || !looksLikeCodeTrimmed(line, trimmed) {
			if out != nil {
				out = append(out, line)
			}
			i++
			continue
		}
		// A run: code lines, indented lines, # comments, and blank lines
		// followed by more of these. Where it ends does not depend on
		// where it starts, so a run too short to fence is passed over
		// whole. (Line i reads as code: it is not read again.)
		end, code := i+1, 1
	run:
		for j := i + 1; j < len(lines); j++ {
			l := lines[j]
			t := strings.TrimSpace(l)
			switch {
			case t == "":
			case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
				break run
			case looksLikeCodeTrimmed(l, t):
				code++
				end = j + 1
			case strings.HasPrefix(t, "#") || strings.HasPrefix(t, `\#`) || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"):
				end = j + 1
			default:
				break run
			}
		}
		if code < 2 {
			if out != nil {
				out = append(out, lines[i:end]...)
			}
			i = end
			continue
		}
		// The comments directly above the code belong to it.
		own(i)
		first := len(out)
		for first > 0 && strings.HasPrefix(out[first-1], `\#`) {
			first--
		}
		run := append(append([]string(nil), out[first:]...), lines[i:end]...)
		out = append(out[:first], "```"+codeLanguage(run))
		for _, l := range run {
			// The escape that keeps a comment from being a heading is
			// not needed, and would show, inside a fence.
			if strings.HasPrefix(l, `\#`) {
				l = l[1:]
			}
			out = append(out, l)
		}
		out = append(out, "```")
		i = end
	}
	if out == nil {
		return lines
	}
	return out
}

// itemColumn is the column of the text of the list item that starts at
// the margin in line: its marker, then one to four spaces (five or more
// count as one, the rest making indented code).
func itemColumn(line string) int {
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

// indentedCode reads the run of lines indented by four spaces or more
// that starts at lines[i], under a list item: CommonMark makes them part
// of the item, where a "# comment" would be a heading. It returns the end
// of the run and the indentation of its first line when the run reads as
// code: two lines that read as code, or a one-# comment with a line of
// code directly below it (the rules of isCommentHeading); else i. Blank
// lines inside the run belong to it, those after it do not.
func indentedCode(lines []string, i int) (end int, indent string) {
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
		if looksLikeCode(l) {
			code++
			if j > i {
				if level, _ := headingLine(strings.TrimSpace(lines[j-1])); level == 1 {
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

var pythonRE = regexp.MustCompile(`^\s*(def |class |import |from |elif |print\(|for .* in .*:)|:\s*(#.*)?$`)

// codeLanguage guesses the language of a run of code for highlighting:
// python when a line reads as Python, else none.
func codeLanguage(lines []string) string {
	for _, l := range lines {
		if readsAsPython(l) {
			return "python"
		}
	}
	return ""
}

// readsAsPython is pythonRE.MatchString(l), told without the expression
// where the start of the line or the want of a colon settles it: after
// ^\s* ([\t\n\f\r ]), the line matches when it starts with one of the
// words of the first alternatives, and only the alternatives with a colon
// (for … in …: and :\s*(#.*)?$) are left when it does not.
func readsAsPython(l string) bool {
	k := 0
	for k < len(l) && reSpace(l[k]) {
		k++
	}
	for _, w := range [...]string{"def ", "class ", "import ", "from ", "elif ", "print("} {
		if strings.HasPrefix(l[k:], w) {
			return true
		}
	}
	if strings.IndexByte(l, ':') < 0 {
		return false
	}
	return pythonRE.MatchString(l)
}

// FenceCode returns the markdown of a note as its cards read it, for the
// note view to render the same way: each comment in unfenced code that
// would be a heading (see isCommentHeading) escaped, \# comment, so that
// it shows as text, and each run of unfenced code under a heading fenced
// (see fenceCode). Headings, fenced code and all other lines are left as
// they are; a note with no unfenced code comes back unchanged. It reads
// each line a bounded number of times.
func FenceCode(text string) string {
	lines := strings.Split(text, "\n")
	o := readOutline(lines)
	out := make([]string, 0, len(lines)+4)
	for _, s := range o.sections {
		out = append(out, s.head...)
		out = append(out, fenceCode(s.lines)...)
	}
	return joinLines(text, out)
}
