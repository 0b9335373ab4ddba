package lessons

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// noteMeta is what a note's front matter says, read as Jekyll and Hugo read
// theirs: any key it does not know is ignored.
type noteMeta struct {
	ID, Title, Summary string
	Tags               []string
}

// splitNoteFront splits a note's front matter from its body: YAML between
// two lines "---" (Jekyll, Hugo) or TOML between two lines "+++" (Hugo).
// It reports the format found, "" when there is none.
func splitNoteFront(text []byte) (front, body []byte, format string) {
	if front, body, ok := splitFrontMatter(text); ok {
		return front, body, "yaml"
	}
	if front, body, ok := splitFenced(bytes.TrimPrefix(text, []byte("\ufeff")), "+++"); ok {
		return front, body, "toml"
	}
	return nil, text, ""
}

// splitFenced splits "<fence>\n<front>\n<fence>\n<body>", reading each line
// once.
func splitFenced(data []byte, fence string) (front, body []byte, ok bool) {
	rest, found := cutLine(data, fence)
	if !found {
		return nil, data, false
	}
	for off := 0; off < len(rest); {
		line, next := rest[off:], len(rest)
		if end := bytes.IndexByte(rest[off:], '\n'); end >= 0 {
			line, next = rest[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(line, " \t\r")) == fence {
			return rest[:off], rest[next:], true
		}
		off = next
	}
	return nil, data, false
}

// readNoteMeta reads front matter in format ("yaml" or "toml"). The fields
// it knows are id, title, summary (or else description), and tags and
// categories (or tag and category), each a list or one string of words
// separated by spaces or commas, as Jekyll splits them. A field of another
// shape is an error that names it.
func readNoteMeta(front []byte, format string) (noteMeta, error) {
	var fields map[string]any
	switch format {
	case "toml":
		var err error
		if fields, err = readTOMLTop(string(front)); err != nil {
			return noteMeta{}, err
		}
	default:
		var doc any
		if err := yaml.Unmarshal(front, &doc); err != nil {
			return noteMeta{}, err
		}
		switch d := doc.(type) {
		case nil:
			return noteMeta{}, nil // an empty block
		case map[string]any:
			fields = d
		default:
			return noteMeta{}, errors.New("not a list of key: value lines")
		}
	}
	var m noteMeta
	var problems []string
	text := func(key string) string {
		v, ok := fields[key]
		if !ok || v == nil {
			return ""
		}
		s, ok := scalarText(v)
		if !ok {
			problems = append(problems, key+" is not text")
		}
		return SanitizeLine(s)
	}
	m.ID, m.Title = text("id"), text("title")
	if m.Summary = text("summary"); m.Summary == "" {
		m.Summary = text("description")
	}
	seen := map[string]bool{}
	for _, key := range []string{"tags", "tag", "categories", "category"} {
		v, ok := fields[key]
		if !ok || v == nil {
			continue
		}
		words, ok := wordList(v)
		if !ok {
			problems = append(problems, key+" is not a list of words")
			continue
		}
		for _, w := range words {
			if w = SanitizeLine(w); w != "" && !seen[w] {
				seen[w] = true
				m.Tags = append(m.Tags, w)
			}
		}
	}
	if len(problems) > 0 {
		return m, errors.New(strings.Join(problems, "; "))
	}
	return m, nil
}

// scalarText is a scalar value as text: a string, a number, a boolean or a
// time. Lists and maps are not text.
func scalarText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case time.Time:
		return v.Format(time.RFC3339), true
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

// wordList reads tags or categories: a list of scalars, or one string that
// holds several words separated by spaces or commas.
func wordList(v any) ([]string, bool) {
	if list, ok := v.([]any); ok {
		var out []string
		for _, e := range list {
			s, ok := scalarText(e)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := scalarText(v)
	if !ok {
		return nil, false
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }), true
}
