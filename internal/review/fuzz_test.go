package review

import (
	"bytes"
	"testing"
	"time"
)

func addLineSeeds(f *testing.F) {
	for _, r := range sampleRecords() {
		line := appendRecord(nil, r)
		f.Add(line[:len(line)-1])
		f.Add(line[:len(line)/2])
	}
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `"x"`, `{"time":null,"card":"a","grade":3}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3.0}`,
		`{"time":"0000-01-01T00:30:00+01:00","card":"a","grade":1}`,
		`{"time":"9999-12-31T23:30:00-01:00","card":"a","grade":1}`,
		`{"time":"2026-01-01T00:00:00Z","card":"\ud800","grade":4,"took_ms":9223372036854}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":2,"took_ms":9223372036855}`,
		`{"TIME":"2026-01-01T00:00:00Z","Card":"a","GRADE":2} trailing`,
		"{\"time\":\"2026-01-01T00:00:00Z\",\"card\":\"a\xff\",\"grade\":2}",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParseRecord: any line either fails to parse or gives a record that
// Append would accept and that survives encoding and parsing unchanged, as
// one line; and the fast path agrees with encoding/json.
func FuzzParseRecord(f *testing.F) {
	addLineSeeds(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		// The fast path and encoding/json agree on every line the fast
		// path takes.
		if fast, ok := parseWritten(line); ok {
			slow, err := parseJSON(line)
			if (err == nil) != (fast.check() == nil) {
				t.Fatalf("fast path %+v (check %v), encoding/json %v", fast, fast.check(), err)
			}
			if err == nil && !sameRecord(fast, slow) {
				t.Fatalf("fast path %+v, encoding/json %+v", fast, slow)
			}
		}
		r, err := parseRecord(line)
		if err != nil {
			if r != (Record{}) {
				t.Fatalf("error %v with a non-zero record %+v", err, r)
			}
			return
		}
		if err := r.check(); err != nil {
			t.Fatalf("parsed a record Append refuses: %v", err)
		}
		if r.Time.Location() != time.UTC {
			t.Fatalf("time %v not in UTC", r.Time)
		}
		enc := appendRecord(nil, r)
		if bytes.IndexByte(enc, '\n') != len(enc)-1 {
			t.Fatalf("encoded record is not one line: %q", enc)
		}
		back, err := parseRecord(enc[:len(enc)-1])
		if err != nil {
			t.Fatalf("re-parse of %q: %v", enc, err)
		}
		if !sameRecord(back, r) {
			t.Fatalf("round trip changed %+v into %+v", r, back)
		}
	})
}

// FuzzParseLog: every non-blank line of any file gives one record or one
// warning, warnings come in line order and only a last line without newline
// is torn; and appending a record the way Append does (ending a torn line
// first) keeps every earlier result and adds exactly that record.
func FuzzParseLog(f *testing.F) {
	var whole []byte
	for _, r := range sampleRecords() {
		whole = appendRecord(whole, r)
	}
	f.Add(whole)
	f.Add(whole[:len(whole)-7])
	f.Add([]byte("garbage\n\n" + string(whole[:50])))
	f.Add([]byte("\r\n \n\t"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, warns := parseLog(data, "log", time.Time{})
		nonblank := 0
		for _, line := range bytes.Split(data, []byte{'\n'}) {
			if len(bytes.TrimSpace(line)) > 0 {
				nonblank++
			}
		}
		if len(recs)+len(warns) != nonblank {
			t.Fatalf("%d records + %d warnings for %d non-blank lines", len(recs), len(warns), nonblank)
		}
		endsOpen := len(data) > 0 && data[len(data)-1] != '\n'
		for i, w := range warns {
			if w.Line < 1 || (i > 0 && w.Line <= warns[i-1].Line) {
				t.Fatalf("warning lines out of order: %+v", warns)
			}
			if w.Torn && (i != len(warns)-1 || !endsOpen) {
				t.Fatalf("warning %d is torn but is not an open last line: %+v", i, w)
			}
			if w.Err == nil {
				t.Fatalf("warning %d has no error", i)
			}
		}

		next := Record{Time: refStart, Card: "next", Grade: Good, Took: time.Second}
		buf := bytes.Clone(data)
		if endsOpen {
			buf = append(buf, '\n')
		}
		buf = appendRecord(buf, next)
		recs2, warns2 := parseLog(buf, "log", time.Time{})
		if len(recs2) != len(recs)+1 || !sameRecord(recs2[len(recs)], next) {
			t.Fatalf("after an append: %d records (last %+v), want %d ending in %+v",
				len(recs2), recs2[len(recs2)-1], len(recs)+1, next)
		}
		for i := range recs {
			if !sameRecord(recs[i], recs2[i]) {
				t.Fatalf("after an append record %d changed: %+v -> %+v", i, recs[i], recs2[i])
			}
		}
		if len(warns2) != len(warns) {
			t.Fatalf("after an append: warnings %v, want %v", warns2, warns)
		}
		for i := range warns {
			if warns2[i].Line != warns[i].Line || warns2[i].Text != warns[i].Text || warns2[i].Torn {
				t.Fatalf("after an append warning %d: %+v, was %+v", i, warns2[i], warns[i])
			}
		}
	})
}
