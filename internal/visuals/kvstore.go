package visuals

import "tutor/internal/visuals/kvviz"

func init() { register(10, kvviz.New()) }
