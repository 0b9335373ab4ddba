package visuals

import "tutor/internal/visuals/groupcacheviz"

func init() { register(110, groupcacheviz.New()) }
