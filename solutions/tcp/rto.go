package tcp

import "time"

// rtoEstimator is the retransmission timer's arithmetic of RFC 6298
// section 2: the smoothed RTT, its variation and the RTO, with the floor
// of the profile and the cap MaxRTO. It holds no clock.
type rtoEstimator struct {
	srtt, rttvar time.Duration
	rto          time.Duration
	measured     bool // a first sample has been taken
	floor        time.Duration
}

// newRTO is the estimator before any sample: RTO = 1 s (2.1).
func newRTO(floor time.Duration) rtoEstimator {
	return rtoEstimator{rto: InitialRTO, floor: floor}
}

// sample takes a measurement r: the first sets SRTT = R and RTTVAR = R/2
// (2.2); later ones set RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R| and then
// SRTT = 7/8 SRTT + 1/8 R (2.3). Either way RTO = SRTT + max(G, 4 RTTVAR),
// raised to the floor (2.4) and capped (2.5).
func (e *rtoEstimator) sample(r time.Duration) {
	if !e.measured {
		e.srtt, e.rttvar, e.measured = r, r/2, true
	} else {
		d := e.srtt - r
		if d < 0 {
			d = -d
		}
		e.rttvar = (3*e.rttvar + d) / 4
		e.srtt = (7*e.srtt + r) / 8
	}
	e.rto = e.srtt + max(Granularity, 4*e.rttvar)
	e.rto = min(max(e.rto, e.floor), MaxRTO)
}

// backoff doubles the RTO after a timeout (5.5), up to MaxRTO.
func (e *rtoEstimator) backoff() {
	e.rto = min(2*e.rto, MaxRTO)
}
