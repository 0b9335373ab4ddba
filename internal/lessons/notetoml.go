package lessons

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// readTOMLTop reads the top-level keys of TOML front matter, as Hugo writes
// it between "+++" lines: key = value, where a value is a string (basic or
// literal, on one line or several), an array of values, an inline table,
// or a bare word (a number, a boolean, a date). Keys under a [table]
// header, dotted keys and inline tables are read over and left out: a
// note uses none of them. Strings come back as strings, arrays as []any,
// bare words as their text. It reads the text once, left to right.
func readTOMLTop(s string) (map[string]any, error) {
	t := &tomlReader{s: s, line: 1}
	out := map[string]any{}
	inTable := false
	for {
		t.skipBlank(true)
		if t.i >= len(t.s) {
			return out, nil
		}
		if t.s[t.i] == '[' {
			// [table] or [[array of tables]]: what follows belongs to it.
			end := strings.IndexByte(t.s[t.i:], '\n')
			if end < 0 {
				end = len(t.s) - t.i
			}
			if !strings.Contains(t.s[t.i:t.i+end], "]") {
				return nil, t.errorf("a table header without ]")
			}
			inTable = true
			t.i += end
			continue
		}
		key, dotted, err := t.key()
		if err != nil {
			return nil, err
		}
		t.skipBlank(false)
		if t.i >= len(t.s) || t.s[t.i] != '=' {
			return nil, t.errorf("want = after the key %q", key)
		}
		t.i++
		t.skipBlank(false)
		v, err := t.value(0)
		if err != nil {
			return nil, err
		}
		t.skipBlank(false)
		if t.i < len(t.s) && t.s[t.i] != '\n' {
			return nil, t.errorf("more after the value of %q", key)
		}
		if !inTable && !dotted {
			if _, dup := out[key]; dup {
				return nil, t.errorf("the key %q twice", key)
			}
			out[key] = v
		}
	}
}

type tomlReader struct {
	s    string
	i    int
	line int
}

func (t *tomlReader) errorf(format string, a ...any) error {
	return fmt.Errorf("toml: line %d: %s", t.line, fmt.Sprintf(format, a...))
}

// skipBlank skips spaces, tabs and a comment to the end of the line, and
// newlines too when lines is set.
func (t *tomlReader) skipBlank(lines bool) {
	for t.i < len(t.s) {
		switch c := t.s[t.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			t.i++
		case c == '#':
			for t.i < len(t.s) && t.s[t.i] != '\n' {
				t.i++
			}
		case c == '\n' && lines:
			t.i++
			t.line++
		default:
			return
		}
	}
}

func isBareKey(c byte) bool {
	return c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// key reads a key: bare, quoted, or dotted (a.b, reported as dotted).
func (t *tomlReader) key() (string, bool, error) {
	var parts []string
	for {
		t.skipBlank(false)
		if t.i >= len(t.s) {
			return "", false, t.errorf("a key without a value")
		}
		switch c := t.s[t.i]; {
		case c == '"' || c == '\'':
			k, err := t.str(c)
			if err != nil {
				return "", false, err
			}
			parts = append(parts, k)
		case isBareKey(c):
			j := t.i
			for j < len(t.s) && isBareKey(t.s[j]) {
				j++
			}
			parts = append(parts, t.s[t.i:j])
			t.i = j
		default:
			return "", false, t.errorf("want a key, got %q", c)
		}
		t.skipBlank(false)
		if t.i < len(t.s) && t.s[t.i] == '.' {
			t.i++
			continue
		}
		return strings.Join(parts, "."), len(parts) > 1, nil
	}
}

// maxTOMLDepth bounds arrays and inline tables nested in one another.
const maxTOMLDepth = 32

// value reads one value at nesting depth.
func (t *tomlReader) value(depth int) (any, error) {
	if depth > maxTOMLDepth {
		return nil, t.errorf("values nested more than %d deep", maxTOMLDepth)
	}
	if t.i >= len(t.s) {
		return nil, t.errorf("a key without a value")
	}
	switch c := t.s[t.i]; c {
	case '"', '\'':
		return t.str(c)
	case '[':
		t.i++
		var list []any
		for {
			t.skipBlank(true)
			if t.i >= len(t.s) {
				return nil, t.errorf("an array without ]")
			}
			if t.s[t.i] == ']' {
				t.i++
				return list, nil
			}
			v, err := t.value(depth + 1)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
			t.skipBlank(true)
			if t.i < len(t.s) && t.s[t.i] == ',' {
				t.i++
			} else if t.i < len(t.s) && t.s[t.i] != ']' {
				return nil, t.errorf("want , or ] in an array")
			}
		}
	case '{':
		t.i++
		for {
			t.skipBlank(false)
			if t.i >= len(t.s) || t.s[t.i] == '\n' {
				return nil, t.errorf("an inline table without }")
			}
			if t.s[t.i] == '}' {
				t.i++
				return map[string]any{}, nil
			}
			if _, _, err := t.key(); err != nil {
				return nil, err
			}
			if t.i >= len(t.s) || t.s[t.i] != '=' {
				return nil, t.errorf("want = in an inline table")
			}
			t.i++
			t.skipBlank(false)
			if _, err := t.value(depth + 1); err != nil {
				return nil, err
			}
			t.skipBlank(false)
			if t.i < len(t.s) && t.s[t.i] == ',' {
				t.i++
			}
		}
	}
	j := t.i
	for j < len(t.s) && !strings.ContainsRune(" \t\r\n,]}#", rune(t.s[j])) {
		j++
	}
	// A date and a time may be written with a space between them.
	if j+1 < len(t.s) && t.s[j] == ' ' && j-t.i == 10 && t.s[j+1] >= '0' && t.s[j+1] <= '9' {
		for j++; j < len(t.s) && !strings.ContainsRune(" \t\r\n,]}#", rune(t.s[j])); j++ {
		}
	}
	if j == t.i {
		return nil, t.errorf("want a value, got %q", t.s[t.i])
	}
	v := t.s[t.i:j]
	t.i = j
	return v, nil
}

// str reads a string that starts with quote at t.i: basic ("...", with
// escapes) or literal ('...'), on one line, or on several between three
// quotes.
func (t *tomlReader) str(quote byte) (string, error) {
	triple := strings.Repeat(string(quote), 3)
	if strings.HasPrefix(t.s[t.i:], triple) {
		t.i += 3
		end := strings.Index(t.s[t.i:], triple)
		if end < 0 {
			return "", t.errorf("a string without its closing %s", triple)
		}
		raw := t.s[t.i : t.i+end]
		t.line += strings.Count(raw, "\n")
		t.i += end + 3
		raw = strings.TrimPrefix(raw, "\n")
		if quote == '\'' {
			return raw, nil
		}
		return unescapeTOML(raw)
	}
	t.i++
	j := t.i
	for j < len(t.s) && t.s[j] != quote && t.s[j] != '\n' {
		if quote == '"' && t.s[j] == '\\' && j+1 < len(t.s) && t.s[j+1] != '\n' {
			j++
		}
		j++
	}
	if j >= len(t.s) || t.s[j] != quote {
		return "", t.errorf("a string without its closing quote")
	}
	raw := t.s[t.i:j]
	t.i = j + 1
	if quote == '\'' {
		return raw, nil
	}
	return unescapeTOML(raw)
}

var errTOMLEscape = errors.New("toml: a bad escape in a string")

// unescapeTOML resolves the escapes of a basic string.
func unescapeTOML(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i >= len(s) {
			return "", errTOMLEscape
		}
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case '"', '\\':
			b.WriteByte(s[i])
		case 'b', 'f', 'r', 'e':
			// control characters: SanitizeLine would drop them anyway
		case 'u', 'U':
			n := 4
			if s[i] == 'U' {
				n = 8
			}
			if i+1+n > len(s) {
				return "", errTOMLEscape
			}
			r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", errTOMLEscape
			}
			b.WriteRune(rune(r))
			i += n
		case '\n', ' ', '\t', '\r':
			// a line-ending backslash in a multi-line string: trim to
			// the next text
			for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
				i++
			}
			i--
		default:
			return "", errTOMLEscape
		}
	}
	return b.String(), nil
}
