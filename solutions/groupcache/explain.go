package groupcache

import (
	"fmt"
	"strings"
)

// explain is the sentence a learner reads for e.
func explain(e Event) string {
	who := "a caller"
	if e.Client != "" {
		who = "client " + e.Client
	}
	at := name(e.Peer)
	k := quote(e.Key)
	switch e.Step {
	case StepLookup:
		return fmt.Sprintf("%s asks %s for %s: first the local caches", who, at, k)
	case StepServe:
		return fmt.Sprintf("%s, the owner of %s, gets a request for it from %s (for %s)", at, k, name(e.From), who)
	case StepHitMain:
		return fmt.Sprintf("%s has %s = %s in its main cache: no load, no network", at, k, quote(e.Value))
	case StepHitHot:
		return fmt.Sprintf("%s has a copy of %s = %s in its hot cache, though another peer owns it: no network", at, k, quote(e.Value))
	case StepMiss:
		return fmt.Sprintf("%s does not have %s in its caches: it must load it", at, k)
	case StepDedupJoin:
		return fmt.Sprintf("a load of %s is already in flight on %s: %s joins it and waits (%d waiting), instead of loading again", k, at, who, e.Waiters)
	case StepOwner:
		return fmt.Sprintf("%s hashes to %d; the next point on the ring is %d, replica %d of %s, so %s owns it",
			k, e.Ring.KeyHash, e.Ring.Point.Hash, e.Ring.Point.Replica, name(e.Owner), name(e.Owner))
	case StepPeerRequest:
		return fmt.Sprintf("%s asks the owner %s for %s over HTTP", at, name(e.Owner), k)
	case StepPeerAnswer:
		return fmt.Sprintf("%s answers %s = %s", name(e.Owner), k, quote(e.Value))
	case StepPeerFail:
		return fmt.Sprintf("%s did not answer (%s): %s loads %s itself rather than fail", name(e.Owner), e.Err, at, k)
	case StepLoadSource:
		return fmt.Sprintf("%s loads %s from the slow source (the Getter)", at, k)
	case StepLoadError:
		return fmt.Sprintf("the source failed to load %s (%s): nothing is cached", k, e.Err)
	case StepCacheMain:
		return fmt.Sprintf("%s keeps %s = %s in its main cache (%d %s)", at, k, quote(e.Value), len(e.Main), plural(len(e.Main), "key"))
	case StepCacheHot:
		return fmt.Sprintf("%s keeps a copy of %s in its hot cache, so the next Get needs no network (%d %s)", at, k, len(e.Hot), plural(len(e.Hot), "key"))
	case StepFlightDone:
		if e.Waiters == 0 {
			return fmt.Sprintf("the load of %s on %s is done; nobody joined it", k, at)
		}
		return fmt.Sprintf("the load of %s on %s is done: it wakes the %d %s that joined it", k, at, e.Waiters, plural(e.Waiters, "caller"))
	case StepDedupShared:
		if e.Err != "" {
			return fmt.Sprintf("%s wakes on %s with the shared load's error (%s)", who, at, e.Err)
		}
		return fmt.Sprintf("%s wakes on %s with the shared value of %s: one load served %d callers", who, at, k, e.Waiters+1)
	case StepReply:
		to := who
		if e.From != "" {
			to = name(e.From)
		}
		if e.Err != "" {
			return fmt.Sprintf("%s answers %s with an error: %s", at, to, e.Err)
		}
		return fmt.Sprintf("%s answers %s: %s = %s", at, to, k, quote(e.Value))
	}
	return string(e.Step)
}

// name is a peer's base URL without its scheme, or "this process" for a
// group without peers.
func name(peer string) string {
	if peer == "" {
		return "this process"
	}
	if _, rest, ok := strings.Cut(peer, "://"); ok {
		return rest
	}
	return peer
}

// quote quotes s, shortened when long.
func quote(s string) string {
	const most = 24
	if r := []rune(s); len(r) > most {
		return fmt.Sprintf("%q...", string(r[:most]))
	}
	return fmt.Sprintf("%q", s)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
