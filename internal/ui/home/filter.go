package home

import (
	"strings"

	"charm.land/bubbles/v2/list"
)

// substringFilter keeps the items whose filter value holds every word of
// term, ignoring case, in their original order. Fuzzy matching over whole
// titles matches nearly everything for a two-letter term.
func substringFilter(term string, targets []string) []list.Rank {
	words := strings.Fields(strings.ToLower(term))
	var ranks []list.Rank
	for i, t := range targets {
		if t == "" {
			continue // the continue line is never a match
		}
		lt := strings.ToLower(t)
		var matched []int
		ok := true
		for _, w := range words {
			at := strings.Index(lt, w)
			if at < 0 {
				ok = false
				break
			}
			for j := range len([]rune(w)) {
				matched = append(matched, len([]rune(lt[:at]))+j)
			}
		}
		if ok {
			ranks = append(ranks, list.Rank{Index: i, MatchedIndexes: matched})
		}
	}
	return ranks
}
