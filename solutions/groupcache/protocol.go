package groupcache

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// BasePath is the path below which a peer serves the protocol.
const BasePath = "/_groupcache/"

// MaxValueBytes is the largest value a peer accepts in an answer; a longer
// body is an error.
const MaxValueBytes = 1 << 20

// Request is one request of the protocol: a key of a group, or, with an
// empty Key, the group's Stats.
type Request struct {
	// Group is the group's name; never empty.
	Group string
	// Key is the key wanted, or "" to ask for the group's Stats.
	Key string
	// Client is the id of the client whose Get caused the request, or "".
	Client string
	// From is the base URL of the peer that asks, or "".
	From string
}

// Path returns the request's path and query, to append to a peer's base
// URL: BasePath, the group and the key each escaped with url.PathEscape
// (so a "/" in them is %2F, and a part "." or ".." is %2E or %2E%2E), and the client and from as query parameters
// when not empty. ParseRequest(r.Path()) == r for every r with a group.
func (r Request) Path() string {
	var sb strings.Builder
	sb.WriteString(BasePath)
	sb.WriteString(escape(r.Group))
	if r.Key != "" {
		sb.WriteByte('/')
		sb.WriteString(escape(r.Key))
	}
	q := url.Values{}
	if r.Client != "" {
		q.Set("client", r.Client)
	}
	if r.From != "" {
		q.Set("from", r.From)
	}
	if len(q) > 0 {
		sb.WriteByte('?')
		sb.WriteString(q.Encode())
	}
	return sb.String()
}

// ParseRequest decodes an escaped path with an optional query, as Path
// writes it and as a server sees it in (*url.URL).RequestURI. It returns
// an error that names the bad part: a path outside BasePath, an empty or
// badly escaped group or key, more than two parts, a bad query.
func ParseRequest(pathAndQuery string) (Request, error) {
	path, query, _ := strings.Cut(pathAndQuery, "?")
	rest, ok := strings.CutPrefix(path, BasePath)
	if !ok {
		return Request{}, fmt.Errorf("groupcache: path %q: want %s<group>/<key>", clip(path), BasePath)
	}
	parts := strings.Split(rest, "/")
	if len(parts) > 2 {
		return Request{}, fmt.Errorf("groupcache: path %q: want %s<group>/<key>, with / in a key escaped as %%2F", clip(path), BasePath)
	}
	var r Request
	var err error
	if r.Group, err = unescape("group", parts[0]); err != nil {
		return Request{}, err
	}
	if len(parts) == 2 {
		if r.Key, err = unescape("key", parts[1]); err != nil {
			return Request{}, err
		}
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return Request{}, fmt.Errorf("groupcache: query %q: %v", clip(query), oneLine(err))
	}
	for name, vs := range q {
		switch name {
		case "client", "from":
			if len(vs) != 1 {
				return Request{}, fmt.Errorf("groupcache: query %q: %s given %d times", clip(query), name, len(vs))
			}
		default:
			return Request{}, fmt.Errorf("groupcache: query %q: unknown parameter %q", clip(query), clip(name))
		}
	}
	r.Client, r.From = q.Get("client"), q.Get("from")
	return r, nil
}

// escape escapes one part of a path with url.PathEscape, and the parts
// "." and ".." as %2E and %2E%2E, which a server's path cleaning would
// otherwise resolve.
func escape(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}

// unescape decodes one escaped part of a path, which must not be empty.
func unescape(what, s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("groupcache: empty %s in the path", what)
	}
	v, err := url.PathUnescape(s)
	if err != nil {
		return "", fmt.Errorf("groupcache: %s %q: bad escape", what, clip(s))
	}
	return v, nil
}

// decodeAnswer reads an answer of the protocol: 200 and the value, or
// another status and an error whose text is the body's first line.
func decodeAnswer(status int, body []byte, truncated bool) (string, error) {
	if status != 200 {
		msg := strings.TrimSpace(string(body))
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = "no reason given"
		}
		return "", fmt.Errorf("status %d: %s", status, clip(msg))
	}
	if truncated {
		return "", fmt.Errorf("value longer than %d bytes", MaxValueBytes)
	}
	return string(body), nil
}

// clip shortens s for an error message, escaping nothing: %q does that.
func clip(s string) string {
	const most = 80
	if len(s) > most {
		return s[:most] + "..."
	}
	return s
}

// oneLine returns err's text with line breaks turned into spaces.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// errUnknownGroup is the error of a request for a group the peer does not
// have.
var errUnknownGroup = errors.New("unknown group")
