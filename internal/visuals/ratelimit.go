package visuals

import "tutor/internal/visuals/ratelimitviz"

func init() { register(90, ratelimitviz.New()) }
