package visuals

import "tutor/internal/visuals/wireviz"

func init() { register(50, wireviz.New()) }
