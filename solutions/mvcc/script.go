package mvcc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Line is one statement of a script with the session that runs it.
type Line struct {
	N       int    // the line number in the script, from 1
	Session string // "T1", "T2", ...
	Stmt    Stmt
	Note    string // the comment after the session's name, trimmed
}

// Script is a parsed script: its statements in order.
type Script struct {
	Lines []Line
}

// Sessions is the script's sessions in the order they first appear.
func (s *Script) Sessions() []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range s.Lines {
		if !seen[l.Session] {
			seen[l.Session] = true
			out = append(out, l.Session)
		}
	}
	return out
}

// String writes the script back, one line per statement, each tagged with
// its session.
func (s *Script) String() string {
	var b strings.Builder
	for _, l := range s.Lines {
		fmt.Fprintf(&b, "%s; -- %s\n", l.Stmt, l.Session)
	}
	return b.String()
}

// maxLines bounds a script, so that a typed input cannot ask for hours.
const maxLines = 400

// ParseScript reads a script: each line one or more statements separated
// by semicolons, then "--" and the session's name (T1, T2, ...); anything
// after the name is a note. Blank lines and lines that are only a comment
// are skipped. An error is one line naming the bad line.
func ParseScript(src string) (*Script, error) {
	s := &Script{}
	for i, raw := range strings.Split(src, "\n") {
		n := i + 1
		code, comment, hasComment := strings.Cut(raw, "--")
		if strings.TrimSpace(code) == "" {
			continue
		}
		if !hasComment {
			return nil, fmt.Errorf("line %d: %q has no session (end it with -- T1)", n, strings.TrimSpace(raw))
		}
		sess, note, err := parseSession(comment)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		parts := strings.Split(code, ";")
		if strings.TrimSpace(parts[len(parts)-1]) != "" {
			return nil, fmt.Errorf("line %d: %q does not end with a semicolon", n, strings.TrimSpace(code))
		}
		for _, p := range parts[:len(parts)-1] {
			if strings.TrimSpace(p) == "" {
				continue
			}
			st, err := ParseStmt(p)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			s.Lines = append(s.Lines, Line{N: n, Session: sess, Stmt: st, Note: note})
			if len(s.Lines) > maxLines {
				return nil, fmt.Errorf("line %d: more than %d statements", n, maxLines)
			}
		}
	}
	if len(s.Lines) == 0 {
		return nil, fmt.Errorf("the script has no statement")
	}
	return s, nil
}

// parseSession reads the session's name at the start of a comment: T and
// a number, in either case.
func parseSession(comment string) (sess, note string, err error) {
	c := strings.TrimSpace(comment)
	end := strings.IndexFunc(c, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end < 0 {
		end = len(c)
	}
	name := c[:end]
	if len(name) < 2 || (name[0] != 'T' && name[0] != 't') {
		return "", "", fmt.Errorf("unknown session %q (name sessions T1, T2, ...)", name)
	}
	k, err := strconv.Atoi(name[1:])
	if err != nil || k < 1 || k > 9 {
		return "", "", fmt.Errorf("unknown session %q (name sessions T1 to T9)", name)
	}
	note = strings.TrimLeft(c[end:], " .,:;")
	return "T" + strconv.Itoa(k), strings.TrimSpace(note), nil
}

// token is a word, a number or one punctuation character.
type lexer struct {
	toks []string
	pos  int
	src  string
}

func lex(s string) (*lexer, error) {
	l := &lexer{src: strings.TrimSpace(s)}
	rs := []rune(strings.ToLower(s))
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case unicode.IsLetter(r) || r == '_' || r == '@':
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_' || rs[j] == '@') {
				j++
			}
			l.toks = append(l.toks, string(rs[i:j]))
			i = j
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			if j-i > 9 {
				return nil, fmt.Errorf("number %s is too large", string(rs[i:j]))
			}
			l.toks = append(l.toks, string(rs[i:j]))
			i = j
		case strings.ContainsRune("(),=%+-*", r):
			l.toks = append(l.toks, string(r))
			i++
		default:
			return nil, fmt.Errorf("unexpected %q in %q", r, l.src)
		}
	}
	return l, nil
}

func (l *lexer) peek() string {
	if l.pos < len(l.toks) {
		return l.toks[l.pos]
	}
	return ""
}

func (l *lexer) next() string {
	t := l.peek()
	if l.pos < len(l.toks) {
		l.pos++
	}
	return t
}

// accept consumes the words if they come next.
func (l *lexer) accept(words ...string) bool {
	if l.pos+len(words) > len(l.toks) {
		return false
	}
	for i, w := range words {
		if l.toks[l.pos+i] != w {
			return false
		}
	}
	l.pos += len(words)
	return true
}

func (l *lexer) expect(words ...string) error {
	if !l.accept(words...) {
		got := l.peek()
		if got == "" {
			got = "the end"
		}
		return fmt.Errorf("%q: expected %q at %q", l.src, strings.Join(words, " "), got)
	}
	return nil
}

func (l *lexer) number() (int, error) {
	neg := l.accept("-")
	t := l.next()
	n, err := strconv.Atoi(t)
	if err != nil {
		if t == "" {
			t = "the end"
		}
		return 0, fmt.Errorf("%q: expected a number at %q", l.src, t)
	}
	if neg {
		n = -n
	}
	return n, nil
}

func (l *lexer) end() error {
	if t := l.peek(); t != "" {
		return fmt.Errorf("%q: unexpected %q", l.src, t)
	}
	return nil
}

// ParseStmt reads one statement without its semicolon.
func ParseStmt(s string) (Stmt, error) {
	l, err := lex(s)
	if err != nil {
		return Stmt{}, err
	}
	var st Stmt
	switch l.next() {
	case "begin":
		st.Kind = KindBegin
		l.accept("transaction")
	case "start":
		if err := l.expect("transaction"); err != nil {
			return st, err
		}
		st.Kind = KindBegin
		st.Snapshot = l.accept("with", "consistent", "snapshot")
	case "commit":
		st.Kind = KindCommit
	case "rollback", "abort":
		st.Kind = KindRollback
	case "set":
		st.Kind = KindSetLevel
		l.accept("session")
		if err := l.expect("transaction", "isolation", "level"); err != nil {
			return st, err
		}
		var words []string
		for l.peek() != "" {
			words = append(words, l.next())
		}
		lv, err := ParseLevel(strings.Join(words, " "))
		if err != nil {
			return st, err
		}
		st.Level = lv
	case "select":
		st.Kind = KindSelect
		if err := l.expect("*", "from", "test"); err != nil {
			return st, err
		}
		if st.Where, err = parseWhere(l); err != nil {
			return st, err
		}
		switch {
		case l.accept("for", "update"):
			st.Lock = ForUpdate
		case l.accept("for", "share"), l.accept("lock", "in", "share", "mode"):
			st.Lock = ForShare
		}
	case "update":
		st.Kind = KindUpdate
		if err := l.expect("test", "set", "value", "="); err != nil {
			return st, err
		}
		if l.accept("value") {
			st.Add = true
			sign := l.next()
			if sign != "+" && sign != "-" {
				return st, fmt.Errorf("%q: expected + or - after value", l.src)
			}
			if st.N, err = l.number(); err != nil {
				return st, err
			}
			if sign == "-" {
				st.N = -st.N
			}
		} else if st.N, err = l.number(); err != nil {
			return st, err
		}
		if st.Where, err = parseWhere(l); err != nil {
			return st, err
		}
	case "insert":
		st.Kind = KindInsert
		if err := l.expect("into", "test", "(", "id", ",", "value", ")", "values"); err != nil {
			return st, err
		}
		for {
			var r Row
			if err := l.expect("("); err != nil {
				return st, err
			}
			if r.ID, err = l.number(); err != nil {
				return st, err
			}
			if err := l.expect(","); err != nil {
				return st, err
			}
			if r.Value, err = l.number(); err != nil {
				return st, err
			}
			if err := l.expect(")"); err != nil {
				return st, err
			}
			st.Rows = append(st.Rows, r)
			if !l.accept(",") {
				break
			}
		}
	case "delete":
		st.Kind = KindDelete
		if err := l.expect("from", "test"); err != nil {
			return st, err
		}
		if st.Where, err = parseWhere(l); err != nil {
			return st, err
		}
	default:
		return st, fmt.Errorf("unknown statement %q", l.src)
	}
	if err := l.end(); err != nil {
		return st, err
	}
	return st, nil
}

func parseWhere(l *lexer) (Where, error) {
	var w Where
	if !l.accept("where") {
		return w, nil
	}
	var err error
	switch {
	case l.accept("id", "="):
		w.Pred = PredID
		n, err := l.number()
		if err != nil {
			return w, err
		}
		w.IDs = []int{n}
	case l.accept("id", "in", "("):
		w.Pred = PredIDIn
		for {
			n, err := l.number()
			if err != nil {
				return w, err
			}
			w.IDs = insertSorted(w.IDs, n)
			if !l.accept(",") {
				break
			}
		}
		if err := l.expect(")"); err != nil {
			return w, err
		}
	case l.accept("value", "="):
		w.Pred = PredValue
		if w.N, err = l.number(); err != nil {
			return w, err
		}
	case l.accept("value", "%"):
		w.Pred = PredValueMod
		if w.N, err = l.number(); err != nil {
			return w, err
		}
		if w.N <= 0 {
			return w, fmt.Errorf("%q: the modulus must be positive", l.src)
		}
		if err := l.expect("="); err != nil {
			return w, err
		}
		if w.M, err = l.number(); err != nil {
			return w, err
		}
	default:
		return w, fmt.Errorf("%q: expected id = N, id in (...), value = N or value %% N = M after where", l.src)
	}
	return w, nil
}

// insertSorted adds n to the ascending list ks unless it is there.
func insertSorted(ks []int, n int) []int {
	for i, k := range ks {
		if k == n {
			return ks
		}
		if k > n {
			return append(ks[:i], append([]int{n}, ks[i:]...)...)
		}
	}
	return append(ks, n)
}
