package visual

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// SplitArgs splits an input line typed in the app into words the way a
// shell would for simple cases: words are separated by spaces, and single or
// double quotes group a word that contains spaces. It reports an unclosed
// quote as an error.
func SplitArgs(line string) ([]string, error) {
	var (
		args  []string
		cur   strings.Builder
		inArg bool
		quote rune
	)
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inArg = r, true
		case unicode.IsSpace(r):
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed quote %c in %q", quote, line)
	}
	if inArg {
		args = append(args, cur.String())
	}
	return args, nil
}

// JoinArgs is the inverse of SplitArgs: it quotes words that need it.
func JoinArgs(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"") {
			if strings.Contains(a, "'") {
				parts[i] = `"` + a + `"`
			} else {
				parts[i] = "'" + a + "'"
			}
			continue
		}
		parts[i] = a
	}
	return strings.Join(parts, " ")
}

// ParseFlags parses args with fs and returns nil or an error of one line
// that names what is wrong (an unknown or malformed flag, -help, or a word
// that is not a flag) followed by the usage. Flag values may hold anything,
// newlines included, so the flag package's own message is folded onto one
// line. fs's output is discarded.
func ParseFlags(fs *flag.FlagSet, args []string, usage string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fmt.Errorf("usage: %s", usage)
		}
		return fmt.Errorf("%s (usage: %s)", strings.Join(strings.Fields(err.Error()), " "), usage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (usage: %s)", fs.Arg(0), usage)
	}
	return nil
}
