package typeinfer

import (
	"fmt"
	"unicode/utf8"
)

// SyntaxError is text that is not a type, a list of types or a function
// signature. Its message names the byte offset and the bad text:
//
//	offset 5: unexpected "}" (want a type)
type SyntaxError struct {
	Offset int    // byte offset of the bad text in the input
	Text   string // the bad text: a name, a character, or "" at the end
	Want   string // what the grammar wanted there, e.g. "a type"
}

// Error returns the message.
func (e *SyntaxError) Error() string {
	if e.Text == "" {
		return fmt.Sprintf("offset %d: unexpected end of input (want %s)", e.Offset, e.Want)
	}
	return fmt.Sprintf("offset %d: unexpected %q (want %s)", e.Offset, e.Text, e.Want)
}

// Parse reads one type: a name (a primitive, or a generic when it is T and
// digits) or a tuple in brackets, elements separated by commas, spaces
// allowed between tokens. Parse(t.String()) is t.
func Parse(s string) (Type, error) {
	t, pos, err := parseType(s, 0)
	if err != nil {
		return Type{}, err
	}
	if pos = skipSpace(s, pos); pos < len(s) {
		return Type{}, syntaxErr(s, pos, "the end after the type")
	}
	return t, nil
}

// ParseList reads a list of types written as a tuple, [float, [float,
// int]]: the actual parameter types of a call. It returns the elements.
func ParseList(s string) ([]Type, error) {
	start := skipSpace(s, 0)
	if start < len(s) && s[start] != '[' {
		return nil, syntaxErr(s, start, "[ to open the list")
	}
	t, err := Parse(s)
	if err != nil {
		return nil, err
	}
	return t.elems, nil
}

// Func is a function's signature: its parameter types and its return type.
type Func struct {
	Params []Type
	Return Type
}

// ParseFunc reads a signature: the parameter types as a list in brackets,
// then -> and the return type: [T1, [T1, int]] -> [T1, str].
func ParseFunc(s string) (Func, error) {
	start := skipSpace(s, 0)
	if start < len(s) && s[start] != '[' {
		return Func{}, syntaxErr(s, start, "[ to open the parameter list")
	}
	params, pos, err := parseType(s, 0)
	if err != nil {
		return Func{}, err
	}
	pos = skipSpace(s, pos)
	if pos+1 >= len(s) || s[pos] != '-' || s[pos+1] != '>' {
		return Func{}, syntaxErr(s, pos, "-> after the parameters")
	}
	ret, err := Parse(s[pos+2:])
	if err != nil {
		e := err.(*SyntaxError)
		e.Offset += pos + 2
		return Func{}, e
	}
	return Func{Params: params.elems, Return: ret}, nil
}

// String returns f as ParseFunc reads it: [T1, [T1, int]] -> [T1, str].
func (f Func) String() string {
	b, _ := f.AppendText(nil)
	return string(b)
}

// AppendText appends f in the syntax of String to b and returns the
// extended buffer. The error is always nil.
func (f Func) AppendText(b []byte) ([]byte, error) {
	b, _ = Type{kind: Tuple, elems: f.Params}.AppendText(b)
	b = append(b, " -> "...)
	return f.Return.AppendText(b)
}

// skipSpace returns the offset of the first byte at or after pos that is
// not a space, a tab or a newline.
func skipSpace(s string, pos int) int {
	for pos < len(s) && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r') {
		pos++
	}
	return pos
}

// syntaxErr is the error at pos: the name or the character there.
func syntaxErr(s string, pos int, want string) *SyntaxError {
	e := &SyntaxError{Offset: pos, Want: want}
	if pos >= len(s) {
		return e
	}
	if identStart(s[pos]) {
		end := pos + 1
		for end < len(s) && identPart(s[end]) {
			end++
		}
		e.Text = s[pos:end]
		return e
	}
	_, n := utf8.DecodeRuneInString(s[pos:])
	e.Text = s[pos : pos+n]
	return e
}

// parseType reads one type from s at pos and returns it with the offset
// after it. Open tuples wait on an explicit stack, so nesting is bounded
// by memory, not by the goroutine stack.
func parseType(s string, pos int) (Type, int, error) {
	var open [][]Type // the elements of each tuple not yet closed
	for {
		// Want a type.
		pos = skipSpace(s, pos)
		var v Type
		switch {
		case pos >= len(s):
			return Type{}, pos, syntaxErr(s, pos, "a type")
		case s[pos] == '[':
			pos = skipSpace(s, pos+1)
			if pos < len(s) && s[pos] == ']' {
				pos++ // [] is the empty tuple: v stays zero
				break
			}
			open = append(open, nil)
			continue
		case identStart(s[pos]):
			end := pos + 1
			for end < len(s) && identPart(s[end]) {
				end++
			}
			v = Leaf(s[pos:end])
			pos = end
		default:
			return Type{}, pos, syntaxErr(s, pos, "a type")
		}
		// Have v: close the tuples it ends, or go on after a comma.
		for {
			if len(open) == 0 {
				return v, pos, nil
			}
			pos = skipSpace(s, pos)
			top := len(open) - 1
			if pos < len(s) && s[pos] == ',' {
				open[top] = append(open[top], v)
				pos++
				break
			}
			if pos < len(s) && s[pos] == ']' {
				v = Type{kind: Tuple, elems: append(open[top], v)}
				open = open[:top]
				pos++
				continue
			}
			return Type{}, pos, syntaxErr(s, pos, ", or ]")
		}
	}
}
