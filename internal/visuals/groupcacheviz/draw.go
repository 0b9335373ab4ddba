package groupcacheviz

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/groupcache"
)

// palette is the theme as paints, made once per Draw.
type palette struct {
	muted, accent, cursor, good, bad visual.Paint
}

func newPalette(th visual.Theme) palette {
	return palette{
		muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good), bad: visual.NewPaint(th.Bad),
	}
}

// minBox is the narrowest peer box, room for its counters; below it, or
// when the boxes do not fit the height, the peers are drawn one line
// each.
const minBox = 24

// Draw draws frame i: a header with the round and the loads so far, the
// ring with every virtual node and the round's key, the step's request as
// an arrow, a box per peer with its caches and counters, the round's
// clients, and the clients' legend when there is room. When the box is
// too narrow or too short for the peer boxes, each peer takes one line
// and the arrow is told in words; when even that is too tall, the ring
// gives way.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)
	header := r.header(f, p, width)
	ring := r.ring(f, p, width)
	crowd := r.crowd(f, p, width)
	legend := wrapCells([]string{"· not yet", "→ asking", "◆ loading", "◌ waiting", "✓ answered", "✗ error"}, "  ", width, p.muted)
	n := r.in.peers
	bw := min(30, (width-(n-1))/n)
	var out []string
	if full := 1 + len(ring) + 2 + 7 + len(crowd); bw >= minBox && full <= height {
		out = append([]string{header}, ring...)
		out = append(out, r.arrow(f, p, width, bw)...)
		out = append(out, r.boxes(f, p, bw)...)
	} else {
		out = []string{header}
		if 1+len(ring)+1+n+len(crowd) <= height {
			out = append(out, ring...)
		}
		out = append(out, r.arrowText(f, p))
		out = append(out, r.peerLines(f, p, width)...)
	}
	out = append(out, crowd...)
	if len(out)+len(legend) <= height {
		out = append(out, legend...)
	}
	// A label longer than the box (an error's text, a long key) ends in
	// "…" here rather than past the edge.
	for j, l := range out {
		out[j] = clipTo(l, width)
	}
	return out
}

// header is the round, its key and clients, the peers down and the
// source's loads so far; in fewer words when width is narrow.
func (r *recording) header(f frame, p palette, width int) string {
	key := p.accent.On(r.in.gets[f.round])
	down := ""
	if len(r.in.down) > 0 {
		var d []string
		for _, x := range r.in.down {
			d = append(d, peerName(x))
		}
		down = " · " + p.bad.On(strings.Join(d, ",")+" down")
	}
	loads := p.good.On(fmt.Sprint(f.loads))
	s := fmt.Sprintf("round %d/%d · %d %s Get %s%s · loads from source %s", f.round+1, len(r.in.gets), r.in.clients, plural(r.in.clients, "client"), key, down, loads)
	if ansi.StringWidth(s) <= width {
		return s
	}
	s = fmt.Sprintf("%d/%d %d×%s%s · loads %s", f.round+1, len(r.in.gets), r.in.clients, key, down, loads)
	if ansi.StringWidth(s) <= width {
		return s
	}
	return fmt.Sprintf("%d×%s · loads %s", r.in.clients, key, loads)
}

// ring is the ring cut open at 0: a cell per 1/w of the 2^32 positions,
// two columns wide so that neighbouring points stay apart, each virtual
// node as its peer's letter, the owning one reversed, and under it a ▲
// at the round's key's hash. Where points share a cell, the last drawn
// shows.
func (r *recording) ring(f frame, p palette, width int) []string {
	const lead = "ring "
	w := (width - len(lead) - 2) / 2 // the cells and ↺, short of the last column
	if w < 4 {
		return nil
	}
	pos := r.keyPos[f.round]
	col := func(h uint32) int { return int(uint64(h) * uint64(w) >> 32) }
	cells := make([]string, w)
	for j := range cells {
		cells[j] = p.muted.On("·")
	}
	for _, pt := range r.points {
		cells[col(pt.Hash)] = label(pt.Node)
	}
	own := col(pos.Point.Hash)
	cells[own] = p.cursor.On(label(pos.Point.Node))
	line := p.muted.On(lead) + strings.Join(cells, " ") + " " + p.muted.On("↺")
	kx := len(lead) + 2*col(pos.KeyHash)
	tag := fmt.Sprintf("▲ %s → %s", r.in.gets[f.round], label(pos.Point.Node))
	if f.ev.Step == groupcache.StepOwner {
		tag = p.accent.On(tag)
	}
	mark := strings.Repeat(" ", kx) + tag
	if kx+ansi.StringWidth(tag) > width {
		// Too near the right end for the tag: put it before the ▲.
		t := fmt.Sprintf("%s → %s ▲", r.in.gets[f.round], label(pos.Point.Node))
		mark = strings.Repeat(" ", max(0, kx-ansi.StringWidth(t)+1)) + t
	}
	return []string{line, mark}
}

// ends are the two ends of the step's request, as columns of the peer
// boxes' centres (the clients at the left edge, the source at the right),
// and its label; from == to when the step stays on one peer.
type ends struct {
	from, to int
	text     string
}

// where is the step's movement, from the event alone.
func (r *recording) where(f frame, width, bw int) ends {
	e := f.ev
	center := func(url string) int {
		i := peerIndex(label(url), r.in.peers)
		return i*(bw+1) + bw/2
	}
	at := center(e.Peer)
	key := e.Key
	switch e.Step {
	case groupcache.StepLookup:
		return ends{0, at, e.Client + " Get " + key}
	case groupcache.StepServe:
		return ends{center(e.From), at, "GET /_groupcache/" + group + "/" + key}
	case groupcache.StepPeerRequest:
		return ends{at, center(e.Owner), "HTTP GET " + key}
	case groupcache.StepPeerAnswer:
		return ends{center(e.Owner), at, "200 " + e.Value}
	case groupcache.StepPeerFail:
		return ends{center(e.Owner), at, "✗ " + e.Err}
	case groupcache.StepLoadSource:
		return ends{at, width - 1, "load " + key + " → source"}
	case groupcache.StepCacheMain:
		return ends{width - 1, at, "source → " + e.Value}
	case groupcache.StepReply:
		if e.From != "" {
			return ends{at, center(e.From), "200 " + e.Value}
		}
		return ends{at, 0, e.Client + " ← " + replyText(e)}
	case groupcache.StepDedupShared:
		return ends{at, 0, e.Client + " shares the one load"}
	}
	return ends{at, at, stayText(e)}
}

// replyText is the value or error a reply carries.
func replyText(e groupcache.Event) string {
	if e.Err != "" {
		return "error"
	}
	return e.Value
}

// stayText labels a step that stays on its peer.
func stayText(e groupcache.Event) string {
	switch e.Step {
	case groupcache.StepHitMain:
		return "hit in main"
	case groupcache.StepHitHot:
		return "hit in hot"
	case groupcache.StepMiss:
		return "miss"
	case groupcache.StepDedupJoin:
		return fmt.Sprintf("%s joins the load (%d waiting)", e.Client, e.Waiters)
	case groupcache.StepOwner:
		return "owner " + label(e.Owner)
	case groupcache.StepCacheHot:
		return "copy into hot"
	case groupcache.StepFlightDone:
		return fmt.Sprintf("load done: wakes %d", e.Waiters)
	case groupcache.StepLoadError:
		return "load failed"
	}
	return string(e.Step)
}

// arrow is the step's label over an arrow between its ends.
func (r *recording) arrow(f frame, p palette, width, bw int) []string {
	a := r.where(f, width, bw)
	lo, hi := min(a.from, a.to), max(a.from, a.to)
	tw := ansi.StringWidth(a.text)
	start := max(0, min((lo+hi)/2-tw/2, width-tw))
	labelLine := strings.Repeat(" ", start) + p.accent.On(a.text)
	if lo == hi {
		return []string{labelLine, strings.Repeat(" ", lo) + p.accent.On("●")}
	}
	var seg string
	if a.to > a.from {
		seg = strings.Repeat("─", hi-lo) + "▶"
	} else {
		seg = "◀" + strings.Repeat("─", hi-lo)
	}
	style := p.accent
	if f.ev.Step == groupcache.StepPeerFail {
		style = p.bad
	}
	return []string{labelLine, strings.Repeat(" ", lo) + style.On(seg)}
}

// arrowText is the step's movement as words, for a narrow box.
func (r *recording) arrowText(f frame, p palette) string {
	e := f.ev
	at := label(e.Peer)
	var s string
	switch e.Step {
	case groupcache.StepLookup:
		s = e.Client + " → " + at + ": Get " + e.Key
	case groupcache.StepServe:
		s = label(e.From) + " → " + at + ": GET " + e.Key
	case groupcache.StepPeerRequest:
		s = at + " → " + label(e.Owner) + ": GET " + e.Key
	case groupcache.StepPeerAnswer:
		s = label(e.Owner) + " → " + at + ": 200 " + e.Value
	case groupcache.StepPeerFail:
		s = label(e.Owner) + " ✗ " + at + ": " + e.Err
	case groupcache.StepLoadSource:
		s = at + " → source: load " + e.Key
	case groupcache.StepCacheMain:
		s = "source → " + at + ": " + e.Value
	case groupcache.StepReply:
		to := e.Client
		if e.From != "" {
			to = label(e.From)
		}
		s = at + " → " + to + ": " + replyText(e)
	case groupcache.StepDedupShared:
		s = at + " → " + e.Client + ": the shared load"
	default:
		s = at + ": " + stayText(e)
	}
	return p.accent.On(s)
}

// boxes are the peers side by side, each bw wide: its letter (and
// "owner" for the round's key, "down" for a peer down) on the top
// border, its main and hot caches, its counters.
func (r *recording) boxes(f frame, p palette, bw int) []string {
	inner := bw - 2
	var cols [][]string
	for i, s := range f.peers {
		title := peerName(i)
		if label(r.keyPos[f.round].Point.Node) == peerName(i) {
			title += " owner"
		}
		if r.isDown(i) {
			title += " down"
		}
		paint := p.muted
		if r.isDown(i) {
			paint = p.bad
		}
		if label(f.ev.Peer) == peerName(i) {
			paint = p.accent
			title = "▶" + title
		}
		top := "┌" + title + strings.Repeat("─", max(0, inner-ansi.StringWidth(title))) + "┐"
		st := s.stats
		rows := []string{
			cacheRow("main", s.main, f.ev, peerName(i), p, inner),
			cacheRow("hot ", s.hot, f.ev, peerName(i), p, inner),
			fmt.Sprintf("gets %d hits %d hot %d", st.Gets, st.Hits, st.HotHits),
			fmt.Sprintf("peer %d err %d local %d", st.PeerLoads, st.PeerErrors, st.LocalLoads),
			fmt.Sprintf("src %d dups %d served %d", st.SourceLoads, st.Dedups, st.Served),
		}
		col := []string{paint.On(clipTo(top, bw))}
		for _, row := range rows {
			col = append(col, paint.On("│")+pad(row, inner)+paint.On("│"))
		}
		col = append(col, paint.On("└"+strings.Repeat("─", inner)+"┘"))
		cols = append(cols, col)
	}
	out := make([]string, len(cols[0]))
	for j := range out {
		var parts []string
		for _, c := range cols {
			parts = append(parts, c[j])
		}
		out[j] = strings.Join(parts, " ")
	}
	return out
}

// cacheRow is one cache's keys, most recent first, the step's key
// reversed when the step is on this peer.
func cacheRow(name string, keys []string, e groupcache.Event, peer string, p palette, inner int) string {
	cells := []string{p.muted.On(name)}
	if len(keys) == 0 {
		cells = append(cells, p.muted.On("-"))
	}
	for _, k := range keys {
		if k == e.Key && label(e.Peer) == peer {
			k = p.cursor.On(k)
		}
		cells = append(cells, k)
	}
	return clipTo(strings.Join(cells, " "), inner)
}

// peerLines are the peers one line each, for a narrow or short box: the
// caches, then as many counters as fit, the most telling first.
func (r *recording) peerLines(f frame, p palette, width int) []string {
	var out []string
	for i, s := range f.peers {
		mark := " "
		if label(f.ev.Peer) == peerName(i) {
			mark = p.accent.On("▶")
		}
		name := peerName(i)
		if r.isDown(i) {
			name += p.bad.On("✗")
		}
		st := s.stats
		line := fmt.Sprintf("%s%s main[%s] hot[%s]", mark, name, strings.Join(s.main, " "), strings.Join(s.hot, " "))
		for _, c := range []string{
			fmt.Sprintf("src %d", st.SourceLoads), fmt.Sprintf("dups %d", st.Dedups), fmt.Sprintf("gets %d", st.Gets),
			fmt.Sprintf("hits %d", st.Hits), fmt.Sprintf("hot %d", st.HotHits), fmt.Sprintf("peer %d", st.PeerLoads),
			fmt.Sprintf("err %d", st.PeerErrors), fmt.Sprintf("served %d", st.Served),
		} {
			if ansi.StringWidth(line)+1+len(c) > width {
				break
			}
			line += " " + c
		}
		out = append(out, line)
	}
	return out
}

// crowd is a mark per client of the round, with counts.
func (r *recording) crowd(f frame, p palette, width int) []string {
	var marks []string
	counts := map[string]int{}
	for _, c := range f.clients {
		m := clientMark(c)
		counts[m]++
		switch m {
		case "✓":
			m = p.good.On(m)
		case "✗":
			m = p.bad.On(m)
		case "◆":
			m = p.accent.On(m)
		}
		marks = append(marks, m)
	}
	lead := "clients "
	var out []string
	line := p.muted.On(lead)
	n := 0
	for _, m := range marks {
		if len(lead)+n >= width {
			out = append(out, line)
			line, n = strings.Repeat(" ", len(lead)), 0
		}
		line += m
		n++
	}
	sum := fmt.Sprintf("  %d ◌ %d ✓", counts["◌"], counts["✓"])
	if counts["✗"] > 0 {
		sum += fmt.Sprintf(" %d ✗", counts["✗"])
	}
	if len(lead)+n+len(sum) <= width {
		line += p.muted.On(sum)
	}
	return append(out, line)
}

// clientMark is a client's state by its latest step: not started,
// asking, loading (in the source), waiting on a load it joined,
// answered, or answered with an error.
func clientMark(c clientState) string {
	switch {
	case c.answered:
		return "✓"
	case c.failed:
		return "✗"
	}
	switch c.step {
	case "":
		return "·"
	case groupcache.StepDedupJoin:
		return "◌"
	case groupcache.StepLoadSource, groupcache.StepCacheMain, groupcache.StepLoadError:
		return "◆"
	}
	return "→"
}

func (r *recording) isDown(i int) bool {
	for _, d := range r.in.down {
		if d == i {
			return true
		}
	}
	return false
}

// pad fills s with spaces to w columns, cutting it if longer.
func pad(s string, w int) string {
	s = clipTo(s, w)
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// clipTo cuts s to w columns with an ellipsis.
func clipTo(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// wrapCells lays cells out in lines of at most width columns, sep
// between them, each in paint.
func wrapCells(cells []string, sep string, width int, paint visual.Paint) []string {
	var out []string
	line := ""
	for _, c := range cells {
		switch {
		case line == "":
			line = c
		case ansi.StringWidth(line+sep+c) > width:
			out = append(out, paint.On(line))
			line = c
		default:
			line += sep + c
		}
	}
	return append(out, paint.On(line))
}
