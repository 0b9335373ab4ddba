package tcpviz

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/tcp"
)

// TestClosedKeepsTheLastFigures is the tester's finding: on the last
// frame (time-wait-expire) the client's panel read "#acked 0 =in flight
// 0" and "cwnd 4000 ssthresh max rwnd 0", a fresh connection's figures,
// though step 49 showed "#acked 5000" and "ssthresh 2000". A closed
// connection's panel keeps the figures it last had, and says it closed.
func TestClosedKeepsTheLastFigures(t *testing.T) {
	r, err := New().Run([]string{"--send", "5000", "--drop", "2"})
	if err != nil {
		t.Fatal(err)
	}
	in := defaults()
	in.send, in.cfg.Net.Drop = 5000, []int{2}
	evs := events(in)
	last := len(evs) - 1
	if evs[last].Client.State != tcp.Closed || r.Len() != len(evs) {
		t.Fatalf("the run ends with the client %v (%d frames, %d events)", evs[last].Client.State, r.Len(), len(evs))
	}
	j := last
	for evs[j].Client.State == tcp.Closed {
		j--
	}
	c := evs[j].Client
	for _, w := range []int{80, 160} {
		out := ansi.Strip(r.Render(last, w, 48, visual.NewTheme(true, true)))
		for _, want := range []string{"client closed: last figures", fmt.Sprintf("#acked %d", c.Acked), fmt.Sprintf("ssthresh %d", c.Ssthresh)} {
			if !strings.Contains(out, want) {
				t.Errorf("at %d columns the last frame lacks %q:\n%s", w, want, out)
			}
		}
	}
}
