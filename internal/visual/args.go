package visual

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
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
// that names what is wrong in the words of the visuals' own checks: an
// option given a bad value is `--name "value": why`; an unknown option,
// one without its value, -help or a word that is not an option is said
// with the usage after it. Flag values may hold anything, newlines
// included, so the message is folded onto one line. fs's output is
// discarded.
func ParseFlags(fs *flag.FlagSet, args []string, usage string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fmt.Errorf("usage: %s", usage)
		}
		msg, withUsage := flagMessage(fs, strings.Join(strings.Fields(err.Error()), " "))
		if withUsage {
			return fmt.Errorf("%s (usage: %s)", msg, usage)
		}
		return errors.New(msg)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (usage: %s)", fs.Arg(0), usage)
	}
	return nil
}

// The flag package's messages (flag.FlagSet.Parse), as flagMessage reads
// them: the value part is quoted with %q, so it ends at the first
// unescaped quote.
var (
	flagUnknown = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	flagNoValue = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	flagBadBool = regexp.MustCompile(`^invalid boolean value ("(?:[^"\\]|\\.)*") for -+([^:]*): (.*)$`)
	flagBad     = regexp.MustCompile(`^invalid value ("(?:[^"\\]|\\.)*") for flag -+([^:]*): (.*)$`)
)

// FlagMessage is err, an error of fs.Parse, in the words ParseFlags
// uses: `--name "value": why` for a bad value, `--name: no such option`
// for an unknown one, `--name needs a value`, folded onto one line. The
// command line's own flags say their errors as the visuals' inputs do.
func FlagMessage(fs *flag.FlagSet, err error) string {
	msg, _ := flagMessage(fs, strings.Join(strings.Fields(err.Error()), " "))
	return msg
}

// flagMessage is the flag package's message msg about fs in the visuals'
// words, and whether the usage should follow it (it does when the option
// itself is wrong, not its value).
func flagMessage(fs *flag.FlagSet, msg string) (string, bool) {
	if m := flagUnknown.FindStringSubmatch(msg); m != nil {
		return "--" + m[1] + ": no such option", true
	}
	if m := flagNoValue.FindStringSubmatch(msg); m != nil {
		return "--" + m[1] + " needs a value", true
	}
	if m := flagBadBool.FindStringSubmatch(msg); m != nil {
		return "--" + m[2] + " " + m[1] + ": want true or false", false
	}
	if m := flagBad.FindStringSubmatch(msg); m != nil {
		why := m[3]
		switch why {
		case "parse error":
			why = "want " + kindOf(fs.Lookup(m[2]))
		case "value out of range":
			why = "out of range"
		}
		return "--" + m[2] + " " + m[1] + ": " + why, false
	}
	return msg, true
}

// kindOf says what value the flag f takes, for a value the flag package
// could not parse.
func kindOf(f *flag.Flag) string {
	if f == nil {
		return "a value of its kind"
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return "a value of its kind"
	}
	switch g.Get().(type) {
	case int, int64:
		return "a whole number"
	case uint, uint64:
		return "a whole number, 0 or more"
	case float64:
		return "a number"
	case time.Duration:
		return "a duration such as 250ms or 2s"
	}
	return "a value of its kind"
}
