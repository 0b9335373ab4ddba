package kvviz

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"tutor/internal/visual"
)

// TestInputBounded: inputs past the limits are refused with one line
// naming the limit (1,000 puts used to print 324 MB of trace and 3,000 run
// out of memory; --chunk 1 on a 5,000-byte value too), and the largest
// input taken gives a trace of bounded size.
func TestInputBounded(t *testing.T) {
	v := New()
	puts := func(n int, value string) []string {
		var a []string
		for i := range n {
			a = append(a, "--put", "k"+strconv.Itoa(i)+"="+value)
		}
		return a
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{puts(1000, "v"), "1000 pairs put: at most 64 fit in a picture"},
		{puts(3000, "v"), "3000 pairs put: at most 64 fit in a picture"},
		{[]string{"--put", "k=" + strings.Repeat("x", 5000), "--chunk", "1"}, "the stream would be 5009 bytes: at most 1024 fit in a picture"},
		{[]string{"--put", "k=" + strings.Repeat("x", 500), "--chunk", "1"}, "--chunk 1 cuts the 509-byte stream into 509 chunks: at most 64 fit in a picture (--chunk 8 or more)"},
	} {
		_, err := v.Run(c.args)
		if err == nil || err.Error() != c.want {
			t.Errorf("%.60q: error %v, want %q", strings.Join(c.args, " "), err, c.want)
		}
	}
	// The largest input taken: 64 pairs filling the stream, cut in 64.
	args := puts(MaxPairs, "vvvvv")
	r, err := v.Run(append(args, "--chunk", "16"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := visual.Trace(&out, r); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 8<<20 {
		t.Errorf("the trace of the largest input is %d bytes", out.Len())
	}
	t.Logf("largest input: %d frames, a trace of %d bytes", r.Len(), out.Len())
}
