// Package hostile is a corpus of the control characters and escape
// sequences a terminal acts on, for tests that send untrusted text through
// every path it can take to the screen and check that none of it arrives.
// Only tests import it.
package hostile

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A Case is one kind of hostile text: Text is what is sent, and Marks are
// the parts of it (a parameter, a payload, a character) that must not
// reach any output.
type Case struct {
	Name  string
	Text  string
	Marks []string
}

// Corpus returns every kind: each C0 control but tab and newline, DEL,
// each C1 control as a character, the ESC sequences CSI, OSC (0, 2, 8,
// 52), DCS, APC, PM and SOS and their one-character C1 introducers with
// their parameters, SGR conceal, two-character ESC sequences, the
// bidirectional controls, and the emoji clusters terminals measure
// differently (zero-width joiner, skin tone, flag, variation selector,
// keycap).
func Corpus() []Case {
	var cs []Case
	for c := rune(0); c < 0x20; c++ {
		if c == '\t' || c == '\n' {
			continue
		}
		cs = append(cs, Case{fmt.Sprintf("C0 %#02x", c), string(c), []string{string(c)}})
	}
	cs = append(cs, Case{"DEL", "\x7f", []string{"\x7f"}})
	for c := rune(0x80); c < 0xa0; c++ {
		cs = append(cs, Case{fmt.Sprintf("C1 U+%04X", c), string(c), []string{string(c)}})
	}
	cs = append(cs,
		Case{"raw byte 0x9b", "\x9b38;2;1;1;1m", []string{"38;2;1;1;1"}},
		Case{"CSI SGR truecolor", "\x1b[38;2;1;2;3m", []string{"38;2;1;2;3"}},
		Case{"CSI SGR conceal", "\x1b[8;38;2;4;5;6m", []string{"38;2;4;5;6"}},
		Case{"CSI cursor", "\x1b[987;654H", []string{"987;654"}},
		Case{"CSI clear", "\x1b[2J\x1b[3J", []string{"[2J", "[3J"}},
		Case{"C1 CSI", "\u009b38;2;7;8;9m", []string{"38;2;7;8;9"}},
		Case{"C1 CSI cursor", "\u009b876;543H", []string{"876;543"}},
		Case{"OSC 0 BEL", "\x1b]0;PWNOSCZERO\a", []string{"PWNOSCZERO"}},
		Case{"OSC 2 ST", "\x1b]2;PWNOSCTWO\x1b\\", []string{"PWNOSCTWO"}},
		Case{"OSC 8 link", "\x1b]8;;https://pwn.example/osc8\x1b\\link\x1b]8;;\x1b\\", []string{"pwn.example"}},
		Case{"OSC 52 clipboard", "\x1b]52;c;UFdOQ0xJUA==\a", []string{"UFdOQ0xJUA", "52;c"}},
		Case{"C1 OSC ST", "\u009d0;PWNCONEOSC\u009c", []string{"PWNCONEOSC"}},
		Case{"C1 OSC BEL", "\u009d52;c;UFdOQ0xJUB==\a", []string{"UFdOQ0xJUB"}},
		Case{"DCS", "\x1bPqPWNDCS\x1b\\", []string{"PWNDCS"}},
		Case{"C1 DCS", "\u0090qPWNCONEDCS\u009c", []string{"PWNCONEDCS"}},
		Case{"APC", "\x1b_PWNAPC\x1b\\", []string{"PWNAPC"}},
		Case{"C1 APC", "\u009fPWNCONEAPC\u009c", []string{"PWNCONEAPC"}},
		Case{"PM", "\x1b^PWNPM\x1b\\", []string{"PWNPM"}},
		Case{"C1 PM", "\u009ePWNCONEPM\u009c", []string{"PWNCONEPM"}},
		Case{"SOS", "\x1bXPWNSOS\x1b\\", []string{"PWNSOS"}},
		Case{"C1 SOS", "\u0098PWNCONESOS\u009c", []string{"PWNCONESOS"}},
		Case{"ESC reset", "\x1bc", nil},
		Case{"ESC charset", "\x1b(0", nil},
		Case{"ESC save", "\x1b7", nil},
	)
	for _, c := range []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c} {
		cs = append(cs, Case{fmt.Sprintf("bidi U+%04X", c), string(c), []string{string(c)}})
	}
	cs = append(cs,
		Case{"ZWJ family", "👨\u200d👩\u200d👧", []string{"\u200d"}},
		Case{"skin tone", "👍\U0001F3FD", []string{"\U0001F3FD"}},
		Case{"flag", "\U0001F1FA\U0001F1F8", []string{"\U0001F1FA", "\U0001F1F8"}},
		Case{"variation selector", "❤\ufe0f", []string{"\ufe0f"}},
		Case{"keycap", "1\ufe0f\u20e3", []string{"\u20e3", "\ufe0f"}},
		Case{"tag flag", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", []string{"\U000E0067"}},
	)
	return cs
}

// All is every case's text, each between letters, in one string.
func All() string {
	var b strings.Builder
	for _, c := range Corpus() {
		b.WriteString("x" + c.Text + "y ")
	}
	return b.String()
}

// Check returns what in out could act on a terminal or make its width
// ambiguous, or "" when nothing does: invalid UTF-8, a control character
// but newline and tab, a C1 character, a bidirectional control, an emoji
// joiner, modifier or selector, or any mark of the corpus. With sgr set,
// escape sequences of the form ESC [ digits m (the app's own colours) are
// allowed and every other ESC is not.
func Check(out string, sgr bool) string {
	if bad := CheckControls(out, sgr); bad != "" {
		return bad
	}
	for _, c := range Corpus() {
		for _, m := range c.Marks {
			if utf8.RuneCountInString(m) == 1 {
				continue // a single character: CheckControls covers it
			}
			for off := 0; ; {
				i := strings.Index(out[off:], m)
				if i < 0 {
					break
				}
				i += off
				if !quoted(out, i) {
					return fmt.Sprintf("%s: %q reached the output: %q", c.Name, m, around(out, i))
				}
				off = i + len(m)
			}
		}
	}
	return ""
}

// CheckControls is Check without the corpus's marks, for text that may
// hold them as plain words (a fuzzer's input).
func CheckControls(out string, sgr bool) string {
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	plain := out
	if sgr {
		var b strings.Builder
		for i := 0; i < len(out); i++ {
			if out[i] != '\x1b' {
				b.WriteByte(out[i])
				continue
			}
			j := i + 1
			if j >= len(out) || out[j] != '[' {
				return fmt.Sprintf("an escape that is not a colour at byte %d: %q", i, around(out, i))
			}
			j++
			for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';' || out[j] == ':') {
				j++
			}
			if j >= len(out) || out[j] != 'm' {
				return fmt.Sprintf("an escape that is not a colour at byte %d: %q", i, around(out, i))
			}
			i = j
		}
		plain = b.String()
	}
	for i, r := range plain {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return fmt.Sprintf("control character %U at byte %d: %q", r, i, around(plain, i))
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Sprintf("bidirectional control %U at byte %d: %q", r, i, around(plain, i))
		case r == 0x200d, r == 0xfe0f, r == 0x20e3, r >= 0x1f3fb && r <= 0x1f3ff, r >= 0x1f1e6 && r <= 0x1f1ff, r >= 0xe0020 && r <= 0xe007f:
			return fmt.Sprintf("emoji part %U at byte %d: %q", r, i, around(plain, i))
		}
	}
	return ""
}

// quoted reports whether the mark at out[i] is shown as inert text after
// its introducer written as a Go escape (\x1b, \u009b, \x9b), the way a
// message quotes a bad value with %q.
func quoted(out string, i int) bool {
	before := out[max(i-40, 0):i]
	for _, esc := range []string{`\x1b`, `\u00`, `\x8`, `\x9`} {
		if strings.Contains(before, esc) {
			return true
		}
	}
	return false
}

func around(s string, i int) string {
	return s[max(i-30, 0):min(i+30, len(s))]
}
