package uitest

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// named are the keys Press knows by name beyond those Key knows.
var named = map[string]tea.Key{
	"home":   {Code: tea.KeyHome},
	"end":    {Code: tea.KeyEnd},
	"delete": {Code: tea.KeyDelete},
}

// Press is the key press whose String is s, for every key name a binding
// of the app's key map uses: Key's names, "home", "end", "delete", and
// "ctrl+" a letter. Anything else is as Key gives it.
func Press(s string) tea.KeyPressMsg {
	if k, ok := named[s]; ok {
		return tea.KeyPressMsg(k)
	}
	if r := []rune(strings.TrimPrefix(s, "ctrl+")); strings.HasPrefix(s, "ctrl+") && len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Mod: tea.ModCtrl}
	}
	return Key(s)
}
