package groupcacheviz

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tutor/internal/visual"
)

// usage is the input syntax, Visual.Usage.
const usage = "--peers N --get KEY,KEY,... [--clients N] [--replicas N] [--down PEER,...] [--missing KEY,...]"

// Bounds of an input, so that a run records and draws quickly.
const (
	maxPeers    = 5
	maxRounds   = 10
	maxClients  = 100
	maxReplicas = 64
	maxKeyLen   = 12
)

// input is a parsed command line: peers peers with replicas virtual nodes
// each, and for every key of gets a round of clients concurrent Gets of
// it, spread over the peers; the peers of down answer no request, and
// the source has no row for the keys of missing. Parse of Format of an
// input gives it back.
type input struct {
	peers    int
	gets     []string
	clients  int
	replicas int
	down     []int    // peer indexes, increasing
	missing  []string // keys the source fails to load, in the order given
}

// peerName is the name of peer i: A, B, C...
func peerName(i int) string { return string(rune('A' + i)) }

// peerIndex is the index of a peer named by its letter, or -1.
func peerIndex(s string, peers int) int {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 1 || s[0] < 'A' || int(s[0]-'A') >= peers {
		return -1
	}
	return int(s[0] - 'A')
}

// parse reads args in the syntax of usage.
func parse(args []string) (input, error) {
	fs := flag.NewFlagSet("groupcache", flag.ContinueOnError)
	peersS := fs.String("peers", "3", "number of peers")
	getS := fs.String("get", "", "keys, one round of concurrent Gets each")
	clientsS := fs.String("clients", "1", "concurrent clients a round")
	replicasS := fs.String("replicas", "4", "virtual nodes a peer")
	downS := fs.String("down", "", "peers that are down")
	missingS := fs.String("missing", "", "keys the source has no row for")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	var in input
	var err error
	if in.peers, err = strconv.Atoi(*peersS); err != nil || in.peers < 1 || in.peers > maxPeers {
		return input{}, fmt.Errorf("--peers %q: the number of peers is a whole number from 1 to %d", *peersS, maxPeers)
	}
	if in.clients, err = strconv.Atoi(*clientsS); err != nil || in.clients < 1 || in.clients > maxClients {
		return input{}, fmt.Errorf("--clients %q: the clients of a round are a whole number from 1 to %d", *clientsS, maxClients)
	}
	if in.replicas, err = strconv.Atoi(*replicasS); err != nil || in.replicas < 1 || in.replicas > maxReplicas {
		return input{}, fmt.Errorf("--replicas %q: the virtual nodes of a peer are a whole number from 1 to %d", *replicasS, maxReplicas)
	}
	if in.gets, err = parseKeys("--get", *getS); err != nil {
		return input{}, err
	}
	if len(in.gets) == 0 {
		return input{}, fmt.Errorf("--get %q: no key (want keys separated by commas, such as k1,k1,k2)", *getS)
	}
	for part := range strings.SplitSeq(*downS, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		i := peerIndex(part, in.peers)
		if i < 0 {
			return input{}, fmt.Errorf("--down %q: a peer is a letter from A to %s", strings.TrimSpace(part), peerName(in.peers-1))
		}
		if !slices.Contains(in.down, i) {
			in.down = append(in.down, i)
		}
	}
	slices.Sort(in.down)
	if in.missing, err = parseKeys("--missing", *missingS); err != nil {
		return input{}, err
	}
	return in, nil
}

// parseKeys reads keys separated by commas, for flag.
func parseKeys(flag, s string) ([]string, error) {
	var keys []string
	for part := range strings.SplitSeq(s, ",") {
		k := strings.TrimSpace(part)
		if k == "" {
			continue
		}
		if len(k) > maxKeyLen || !printable(k) {
			return nil, fmt.Errorf("%s %q: a key is 1 to %d printable bytes, without a comma or a slash", flag, k, maxKeyLen)
		}
		if flag == "--missing" && slices.Contains(keys, k) {
			continue
		}
		keys = append(keys, k)
		if len(keys) > maxRounds {
			return nil, fmt.Errorf("%s: more than %d keys", flag, maxRounds)
		}
	}
	return keys, nil
}

// printable reports whether s is valid UTF-8 of graphic characters, with
// no comma (which separates keys) and no slash (which the peers' URL path
// would split).
func printable(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' || r < 0x21 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == ',' || r == '/' {
			return false
		}
	}
	return s != ""
}

// format writes in back as a command line.
func format(in input) []string {
	a := []string{"--peers", strconv.Itoa(in.peers), "--get", strings.Join(in.gets, ",")}
	if in.clients != 1 {
		a = append(a, "--clients", strconv.Itoa(in.clients))
	}
	if in.replicas != 4 {
		a = append(a, "--replicas", strconv.Itoa(in.replicas))
	}
	if len(in.down) > 0 {
		names := make([]string, len(in.down))
		for i, d := range in.down {
			names[i] = peerName(d)
		}
		a = append(a, "--down", strings.Join(names, ","))
	}
	if len(in.missing) > 0 {
		a = append(a, "--missing", strings.Join(in.missing, ","))
	}
	return a
}

// sameInput reports whether a and b are the same input.
func sameInput(a, b input) bool {
	return a.peers == b.peers && a.clients == b.clients && a.replicas == b.replicas &&
		slices.Equal(a.gets, b.gets) && slices.Equal(a.down, b.down) && slices.Equal(a.missing, b.missing)
}
