package lessons

import "strings"

// codeLineVerdict is what codeLineFast tells of a line.
type codeLineVerdict int8

const (
	codeLineMaybe codeLineVerdict = iota // only codeLineRE can tell
	codeLineYes                          // codeLineRE matches the line
	codeLineNo                           // codeLineRE does not match it
)

// codeLineFast tells whether codeLineRE matches line by looking at a few of
// its bytes, where that settles it: the common shapes of code are told to
// match, and most prose that holds a mark of code is told not to. Each
// test below is derived from the expression, whose alternatives all start
// after its ^\s* (u below: \s is [\t\n\f\r ], not unicode.IsSpace):
//
//	(def|class)\s+\w+.*:\s*(#.*)?$            a colon, then \s*, then the end or #
//	(for…|if…|else|try|finally)\s*:\s*(#.*)?$ a colon, as above
//	import…, return…, pass|break|continue…,
//	raise|yield|assert|print|lambda|nonlocal|global…   u starts with the word
//	from\s+[\w.]+\s+import\s+\S              u starts with from and holds import
//	@[\w.]+…                                  u starts with @
//	[A-Za-z_][\w.]*…(op)?=\s*[^=\s]           a name, then somewhere an =
//	[A-Za-z_][\w.]*\(.*\)…                    a name, then (
//	>>>\s                                     u starts with >>>
//	.*[{;]\s*$                                the last byte before the \s at the end is { or ;
//	[}\])]+[;,]?\s*$                          u starts with }, ] or )
//
// A line none of these can start is not code (codeLineNo): that is a
// necessary condition of every alternative. The shapes told to match
// (codeLineYes) are each one alternative matched whole: "import x", a
// name and (…), a name and = and a value, a line ending in { or ;, and a
// line of closing brackets. A name's run of [\w.] is the longest there
// is: the expression cannot end it earlier, since what follows a name in
// it ([, \s, ",", an operator, =, or () is never a [\w.].
func codeLineFast(line string) codeLineVerdict {
	i := 0
	for i < len(line) && reSpace(line[i]) {
		i++
	}
	u := line[i:] // what follows ^\s*
	j := len(u)
	for j > 0 && reSpace(u[j-1]) {
		j--
	}
	e := u[:j] // u without the \s at its end
	if e == "" {
		return codeLineNo // every alternative needs a byte other than \s
	}
	oneLine := strings.IndexByte(e, '\n') < 0 // . never matches \n
	last := e[len(e)-1]
	name := 0 // u[:name] is the name u starts with, if any
	if c := u[0]; c == '_' || c|0x20 >= 'a' && c|0x20 <= 'z' {
		name = 1
		for name < len(u) && (isWordByte(u[name]) || u[name] == '.') {
			name++
		}
	}

	// The shapes that match.
	switch {
	case strings.HasPrefix(u, "import") && len(u) > 6 && reSpace(u[6]):
		// import\s+[\w.]+, with nothing after it required.
		k := 6
		for k < len(u) && reSpace(u[k]) {
			k++
		}
		if k < len(u) && (isWordByte(u[k]) || u[k] == '.') {
			return codeLineYes
		}
	case name > 0 && name < len(e) && e[name] == '(' && last == ')' && len(e)-1 > name && oneLine:
		// [A-Za-z_][\w.]*\(.*\)\s*$: a call.
		return codeLineYes
	case (last == '{' || last == ';') && oneLine:
		// .*[{;]\s*$
		return codeLineYes
	}
	if name > 0 {
		// [A-Za-z_][\w.]*\s*=\s*[^=\s]: an assignment to one name.
		k := name
		for k < len(u) && reSpace(u[k]) {
			k++
		}
		if k < len(u) && u[k] == '=' {
			k++
			for k < len(u) && reSpace(u[k]) {
				k++
			}
			if k < len(u) && u[k] != '=' && !reSpace(u[k]) {
				return codeLineYes
			}
		}
	}
	if c := u[0]; c == '}' || c == ']' || c == ')' {
		// [}\])]+[;,]?\s*$
		k := 0
		for k < len(e) && (e[k] == '}' || e[k] == ']' || e[k] == ')') {
			k++
		}
		if k < len(e) && (e[k] == ';' || e[k] == ',') {
			k++
		}
		if k == len(e) {
			return codeLineYes
		}
		return codeLineMaybe
	}

	// What every match needs, alternative by alternative.
	switch {
	case u[0] == '@', strings.HasPrefix(u, ">>>"), last == '{' || last == ';':
		return codeLineMaybe
	case name > 0 && (name < len(u) && u[name] == '(' || strings.IndexByte(u[name:], '=') >= 0):
		return codeLineMaybe
	case startsWithStatement(u):
		return codeLineMaybe
	}
	for k := strings.IndexByte(u, ':'); k >= 0; {
		// :\s*(#.*)?$
		m := k + 1
		for m < len(u) && reSpace(u[m]) {
			m++
		}
		if m == len(u) || u[m] == '#' {
			return codeLineMaybe
		}
		next := strings.IndexByte(u[k+1:], ':')
		if next < 0 {
			break
		}
		k += 1 + next
	}
	return codeLineNo
}

// startsWithStatement reports whether u starts with one of the words the
// alternatives of codeLineRE for import, return, pass, break, continue,
// raise, yield, assert, print, lambda, nonlocal and global start with, or
// with from and holds import after it.
func startsWithStatement(u string) bool {
	if strings.HasPrefix(u, "from") {
		return strings.Contains(u[4:], "import")
	}
	for _, w := range [...]string{"import", "return", "pass", "break", "continue", "raise", "yield", "assert", "print", "lambda", "nonlocal", "global"} {
		if strings.HasPrefix(u, w) {
			return true
		}
	}
	return false
}

// reSpace reports whether codeLineRE's \s matches c: [\t\n\f\r ].
func reSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWordByte reports whether codeLineRE's \w matches c: [0-9A-Za-z_].
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}
