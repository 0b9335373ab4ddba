package visuals

import "tutor/internal/visuals/creditviz"

func init() { register(20, creditviz.New()) }
