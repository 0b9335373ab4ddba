package visuals

import "tutor/internal/visuals/tcpviz"

func init() { register(70, tcpviz.New()) }
