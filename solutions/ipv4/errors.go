package ipv4

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// The kinds of parse error. A *ParseError wraps one of them, so errors.Is
// tells them apart; its message says more (which octet, which value).
var (
	ErrEmpty       = errors.New("empty address")
	ErrSpace       = errors.New("space in address")
	ErrNotDigit    = errors.New("not a digit")
	ErrOctetCount  = errors.New("not four octets")
	ErrEmptyOctet  = errors.New("empty octet")
	ErrOctetRange  = errors.New("octet over 255")
	ErrLeadingZero = errors.New("octet with a leading zero")
	ErrNoSlash     = errors.New("no prefix length")
	ErrBits        = errors.New("bad prefix length")
	ErrHostBits    = errors.New("host bits set")
)

// ParseError is the error ParseAddr, ParsePrefix and ParsePrefixStrict
// return for bad input. Its message is one line naming the function, the
// input and the problem, e.g.
//
//	ipv4.ParseAddr("10.0.0.256"): octet 4 "256" is over 255
type ParseError struct {
	Func  string // the function that failed, e.g. "ParseAddr"
	Input string // the whole input
	Kind  error  // one of the Err values above
	Msg   string // the problem, naming the bad part of Input
}

// Error returns the one-line message.
func (e *ParseError) Error() string {
	return "ipv4." + e.Func + "(" + quote(e.Input) + "): " + e.Msg
}

// Unwrap returns e.Kind, so that errors.Is(err, ErrOctetRange) works.
func (e *ParseError) Unwrap() error {
	return e.Kind
}

func parseError(fn, in string, kind error, msg string) error {
	return &ParseError{Func: fn, Input: in, Kind: kind, Msg: msg}
}

// quote quotes s for a message, cut so that the quoted form stays within
// about 60 columns however long s is and whatever bytes it holds; a cut
// string ends in "...". The quoted form escapes newlines.
func quote(s string) string {
	const max = 60
	q := strconv.Quote(s)
	if len(q) <= max {
		return q
	}
	cut := min(len(s), max)
	for {
		for cut > 0 && cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut--
		}
		q = strconv.Quote(s[:cut])
		if len(q) <= max || cut == 0 {
			return q + "..."
		}
		cut = cut * 2 / 3
	}
}

// quoteRuneAt quotes the character starting at byte i of s.
func quoteRuneAt(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}
