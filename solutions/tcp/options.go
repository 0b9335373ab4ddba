package tcp

import (
	"fmt"
	"time"
)

// Profile is a set of timer and window figures: the RFCs' or Linux's.
type Profile uint8

// The profiles.
const (
	// ProfileRFC follows the RFCs: an RTO floor of 1 s (RFC 6298 (2.4)),
	// the initial window of RFC 5681 section 3.1 (4 segments of up to
	// 1095 bytes, 3 up to 2190, else 2), an MSL of 2 minutes so TIME-WAIT
	// lasts 4 (RFC 9293 section 3.4.2).
	ProfileRFC Profile = iota
	// ProfileLinux uses Linux's figures: an RTO floor of 200 ms
	// (TCP_RTO_MIN), an initial window of 10 segments (RFC 6928), and
	// TIME-WAIT of 60 s (TCP_TIMEWAIT_LEN). Its loss response stays RFC
	// 5681's Reno: Linux's default CUBIC (ssthresh 717/1024 of cwnd,
	// tcp_cubic.c) and its Proportional Rate Reduction (RFC 6937) are
	// not modelled.
	ProfileLinux
)

// String returns "rfc" or "linux".
func (p Profile) String() string {
	if p == ProfileLinux {
		return "linux"
	}
	return "rfc"
}

// ParseProfile reads "rfc" or "linux".
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "rfc":
		return ProfileRFC, nil
	case "linux":
		return ProfileLinux, nil
	}
	return 0, fmt.Errorf("profile %q: want rfc or linux", s)
}

// The figures both profiles share.
const (
	// InitialRTO is the RTO before any RTT is measured, RFC 6298 (2.1).
	InitialRTO = time.Second
	// MaxRTO caps the doubled RTO, as RFC 6298 (2.5) allows (at least
	// 60 s).
	MaxRTO = 60 * time.Second
	// Granularity is the clock granularity G of RFC 6298: the virtual
	// clock's tick for timers.
	Granularity = time.Millisecond
	// DelayedACKTimeout is how long a delayed ACK may wait; RFC 5681
	// section 4.2 allows up to 500 ms.
	DelayedACKTimeout = 200 * time.Millisecond
	// MaxWindow is the largest window a 16-bit field offers without
	// window scaling.
	MaxWindow = 65535
)

// RTOMin is the floor of the RTO: 1 s by RFC 6298 (2.4), 200 ms on Linux.
func (p Profile) RTOMin() time.Duration {
	if p == ProfileLinux {
		return 200 * time.Millisecond
	}
	return time.Second
}

// TimeWait is how long TIME-WAIT lasts: 2*MSL with the RFC's MSL of two
// minutes, or Linux's 60 s.
func (p Profile) TimeWait() time.Duration {
	if p == ProfileLinux {
		return 60 * time.Second
	}
	return 2 * 2 * time.Minute
}

// InitialWindow is the initial congestion window for segments of mss
// bytes, in bytes: RFC 5681 section 3.1, or 10 segments on Linux.
func (p Profile) InitialWindow(mss int) int {
	switch {
	case p == ProfileLinux:
		return 10 * mss
	case mss > 2190:
		return 2 * mss
	case mss > 1095:
		return 3 * mss
	default:
		return 4 * mss
	}
}

// Options configure one Endpoint.
type Options struct {
	// MSS is the sender's maximum segment size (SMSS), in bytes.
	MSS int
	// RcvBuf is the receive buffer, in bytes: the largest window the
	// endpoint offers (at most MaxWindow).
	RcvBuf int
	// ISS is the initial send sequence number.
	ISS uint32
	// Profile picks the RFC or Linux figures.
	Profile Profile
	// DelayedACK makes the endpoint acknowledge every second full-sized
	// segment, or after DelayedACKTimeout, rather than every segment
	// (RFC 5681 section 4.2). Out-of-order data is acknowledged at once.
	DelayedACK bool
}

// check reports the first option out of range.
func (o Options) check() error {
	if o.MSS < 1 || o.MSS > 65495 {
		return fmt.Errorf("MSS %d: want 1 to 65495 bytes", o.MSS)
	}
	if o.RcvBuf < 1 || o.RcvBuf > MaxWindow {
		return fmt.Errorf("receive buffer %d: want 1 to %d bytes", o.RcvBuf, MaxWindow)
	}
	if o.Profile > ProfileLinux {
		return fmt.Errorf("profile %d: want rfc or linux", o.Profile)
	}
	return nil
}
