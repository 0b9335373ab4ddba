package groupcache

import (
	"strings"
	"testing"
)

func TestRequestPath(t *testing.T) {
	for _, tc := range []struct {
		r    Request
		path string
	}{
		{Request{Group: "users", Key: "k1"}, "/_groupcache/users/k1"},
		{Request{Group: "users"}, "/_groupcache/users"},
		{Request{Group: "a b", Key: "x/y?z"}, "/_groupcache/a%20b/x%2Fy%3Fz"},
		{Request{Group: "g", Key: ".."}, "/_groupcache/g/%2E%2E"},
		{Request{Group: "g", Key: "."}, "/_groupcache/g/%2E"},
		{Request{Group: "g", Key: "k", Client: "c 1", From: "http://127.0.0.1:80"}, "/_groupcache/g/k?client=c+1&from=http%3A%2F%2F127.0.0.1%3A80"},
	} {
		if got := tc.r.Path(); got != tc.path {
			t.Errorf("%+v.Path() = %q, want %q", tc.r, got, tc.path)
		}
		got, err := ParseRequest(tc.path)
		if err != nil || got != tc.r {
			t.Errorf("ParseRequest(%q) = %+v, %v; want %+v", tc.path, got, err, tc.r)
		}
	}
}

func TestParseRequestErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/other/g/k", `path "/other/g/k": want /_groupcache/<group>/<key>`},
		{"/_groupcache/", "empty group"},
		{"/_groupcache//k", "empty group"},
		{"/_groupcache/g/", "empty key"},
		{"/_groupcache/g/a/b", "with / in a key escaped as %2F"},
		{"/_groupcache/g/%zz", `key "%zz": bad escape`},
		{"/_groupcache/%/k", `group "%": bad escape`},
		{"/_groupcache/g/k?client=a&client=b", "client given 2 times"},
		{"/_groupcache/g/k?size=3", `unknown parameter "size"`},
		{"/_groupcache/g/k?client=%zz", `query "client=%zz"`},
	} {
		_, err := ParseRequest(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseRequest(%q) = %v, want one line with %q", tc.in, err, tc.want)
		}
	}
}

func TestDecodeAnswer(t *testing.T) {
	if v, err := decodeAnswer(200, []byte("v"), false); v != "v" || err != nil {
		t.Errorf("200: %q, %v", v, err)
	}
	if _, err := decodeAnswer(200, []byte("v"), true); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("200 truncated: %v", err)
	}
	if _, err := decodeAnswer(500, []byte("load failed\nstack"), false); err == nil || err.Error() != "status 500: load failed" {
		t.Errorf("500: %v", err)
	}
	if _, err := decodeAnswer(404, nil, false); err == nil || err.Error() != "status 404: no reason given" {
		t.Errorf("404: %v", err)
	}
}

// Any path and query: a one-line error, or a request whose own path
// reads back as the same request.
func FuzzParseRequest(f *testing.F) {
	for _, s := range []string{
		"/_groupcache/users/k1", "/_groupcache/users", "/_groupcache/g/x%2Fy?client=c1&from=http%3A%2F%2Fa",
		"/_groupcache/g/%2E%2E", "/_groupcache//", "/_groupcache/g/k?client=", "/_groupcache/g/k?%", "/_groupcache/g/k?a=1;b=2",
		"/_groupcache/%C3%A9/%00", "/_groupcache/g/k#frag", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRequest(s)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error of %d lines: %q", strings.Count(err.Error(), "\n")+1, err)
			}
			return
		}
		if r.Group == "" {
			t.Fatalf("ParseRequest(%q) accepted an empty group", s)
		}
		back, err := ParseRequest(r.Path())
		if err != nil || back != r {
			t.Fatalf("ParseRequest(%q) = %+v, whose path %q reads back as %+v, %v", s, r, r.Path(), back, err)
		}
	})
}

// Any request with a group: its path reads back as itself.
func FuzzRequestPath(f *testing.F) {
	f.Add("users", "k1", "c1", "http://127.0.0.1:8001")
	f.Add("g", "..", "", "")
	f.Add("a/b", "%2F?#", "&=", "+")
	f.Fuzz(func(t *testing.T, group, key, client, from string) {
		if group == "" {
			return
		}
		r := Request{Group: group, Key: key, Client: client, From: from}
		back, err := ParseRequest(r.Path())
		if err != nil || back != r {
			t.Fatalf("%+v: path %q reads back as %+v, %v", r, r.Path(), back, err)
		}
	})
}

// Any status and body: a value only for 200, else a one-line error.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add(200, []byte("value"), false)
	f.Add(500, []byte("boom\nline two"), false)
	f.Add(404, []byte{}, false)
	f.Add(200, []byte("x"), true)
	f.Fuzz(func(t *testing.T, status int, body []byte, truncated bool) {
		v, err := decodeAnswer(status, body, truncated)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n") || v != "" {
				t.Fatalf("status %d: %q, %q", status, v, err)
			}
			return
		}
		if status != 200 || truncated || v != string(body) {
			t.Fatalf("status %d truncated %v: accepted %q", status, truncated, v)
		}
	})
}
