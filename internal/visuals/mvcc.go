package visuals

import "tutor/internal/visuals/mvccviz"

func init() { register(60, mvccviz.New()) }
