package lessons

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// sanitizeByRune is Sanitize as it was before issue 22, writing the text
// rune by rune: the oracle FuzzSanitizeSame holds the one-pass Sanitize to.
func sanitizeByRune(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 && s[i] >= 0x80 && s[i] < 0xa0 {
			// A C1 control as a raw byte, which a terminal in 8-bit
			// mode reads as one: treat it as the character.
			r = rune(s[i])
		}
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			if i+size >= len(s) || s[i+size] != '\n' {
				b.WriteByte('\n')
			}
		case r == '\x1b':
			i = skipEscape(s, i+size)
			continue
		case r == '\u009b':
			i = skipCSI(s, i+size)
			continue
		case r == '\u009d' || r == '\u0090' || r == '\u009f' || r == '\u009e' || r == '\u0098':
			i = skipString(s, i+size)
			continue
		case unicode.IsControl(r), isBidi(r):
			// dropped
		case isEmojiPart(r):
			cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if cluster == "" {
				cluster = s[i : i+size]
			}
			b.WriteString(safeCluster(cluster))
			i += len(cluster)
			continue
		default:
			if j := i + size; j < len(s) {
				// A base character followed by an emoji modifier, joiner
				// or selector: treat the whole cluster.
				if r2, _ := utf8.DecodeRuneInString(s[j:]); isEmojiPart(r2) {
					cluster, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
					if len(cluster) > size {
						b.WriteString(safeCluster(cluster))
						i += len(cluster)
						continue
					}
				}
			}
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// FuzzSanitizeSame: Sanitize gives what sanitizeByRune gives, on any
// input, and text it keeps whole is the very string it was given.
func FuzzSanitizeSame(f *testing.F) {
	for _, s := range []string{"", "plain", "a\x1b[31mred\x1b[0m", "\xff\x9b1m", "a\r\nb\rc", "1\u20e3 \U0001F1FA\U0001F1F8 \U0001F44D\U0001F3FD", "中文\u200d", "\x1b]8;;x\x07link", "\u202e\u0085", "a\ufe0f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := Sanitize(s), sanitizeByRune(s)
		if got != want {
			t.Fatalf("Sanitize(%q) = %q, want %q", s, got, want)
		}
		if got == s && len(s) > 0 && unsafe.StringData(got) != unsafe.StringData(s) {
			t.Fatalf("Sanitize(%q) copied text it kept whole", s)
		}
	})
}

// headingByRE is headingLine as it was before issue 22, by a regular
// expression: the oracle FuzzHeadingLineSame holds headingLine to.
func headingByRE(line string) (int, string) {
	m := regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`).FindStringSubmatch(line)
	if m == nil {
		if t := strings.TrimRight(line, " \t"); t != "" && len(t) <= 6 && strings.Trim(t, "#") == "" {
			return len(t), ""
		}
		return 0, ""
	}
	return len(m[1]), m[2]
}

// FuzzHeadingLineSame: headingLine reads a line as the expression did, and
// readsAsCode agrees with codeTextRE.
func FuzzHeadingLineSame(f *testing.F) {
	for _, s := range []string{"# a", "## C# ##", "####### x", "#\tx #", "#x", "##", "#  #foo", "# a = 1", "# out: [1, 2]", "# a -> b", "   # x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.Contains(line, "\n") {
			return // a line
		}
		gl, gt := headingLine(line)
		wl, wt := headingByRE(line)
		if gl != wl || gt != wt {
			t.Fatalf("headingLine(%q) = %d, %q; the expression reads %d, %q", line, gl, gt, wl, wt)
		}
		if got, want := readsAsCode(line), codeTextRE.MatchString(line); got != want {
			t.Fatalf("readsAsCode(%q) = %v, codeTextRE says %v", line, got, want)
		}
	})
}

// FuzzCardIDSame: cardID is the SHA-256 of the prompt's words joined by
// one space, whether or not it takes the path without the copy.
func FuzzCardIDSame(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "Title › Q1 › Logic", "a\tb", "a\u00a0b", "a\u2003b", "中文 笔记", "\xff b", "a\u0085b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, prompt string) {
		sum := sha256.Sum256([]byte(strings.Join(strings.Fields(prompt), " ")))
		if got, want := cardID("l", prompt), "l/"+hex.EncodeToString(sum[:6]); got != want {
			t.Fatalf("cardID(%q) = %s, want %s", prompt, got, want)
		}
	})
}
