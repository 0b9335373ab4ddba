package groupcacheviz

import (
	"fmt"
	"strings"
)

// State is the trace text of frame i: the caches and counters of the
// peer that took the step, after it.
func (r *recording) State(i int) string {
	f := r.frames[i]
	p := peerIndex(label(f.ev.Peer), r.in.peers)
	if p < 0 {
		return ""
	}
	s := f.peers[p]
	st := s.stats
	return fmt.Sprintf("%s main [%s] hot [%s] · gets %d hits %d hot %d peer %d err %d local %d src %d dups %d served %d",
		peerName(p), strings.Join(s.main, " "), strings.Join(s.hot, " "),
		st.Gets, st.Hits, st.HotHits, st.PeerLoads, st.PeerErrors, st.LocalLoads, st.SourceLoads, st.Dedups, st.Served)
}
