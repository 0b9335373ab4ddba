package visuals

import "tutor/internal/visuals/ipviz"

func init() { register(40, ipviz.New()) }
